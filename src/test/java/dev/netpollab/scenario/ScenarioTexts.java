package dev.netpollab.scenario;

/** A small, valid scenario for tests to load as is or to break one field at a time. */
public final class ScenarioTexts {
    private ScenarioTexts() {
    }

    public static final String VALID = """
            apiVersion: netpol-lab/v1
            kind: Scenario
            metadata:
              id: tiny-shop
              title: Tiny shop
              difficulty: easy
              topics: [default-deny]
              minutes: 5
            task: |
              Only the frontend may reach the db in namespace shop.
            world:
              namespaces:
                - name: shop
                  labels: {team: shop}
                - name: dev
              pods:
                - {name: frontend, namespace: shop, labels: {app: frontend}, ports: [{port: 80, name: http}]}
                - {name: db, namespace: shop, labels: {app: db}, ports: [{port: 5432, name: pg}]}
                - {name: tester, namespace: dev, labels: {app: tester}}
              services:
                - {name: db, namespace: shop, selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
              externals:
                - {name: metadata, ip: 169.254.169.254, ports: [80]}
            broken: |
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: db-ingress
                namespace: shop
              spec:
                podSelector: {matchLabels: {app: db}}
                ingress:
                  - from:
                      - podSelector: {matchLabels: {app: frontendd}}
            expect:
              - {from: shop/frontend, to: shop/db, port: 5432, allowed: true}
              - {from: dev/*, to: shop/db, port: 5432, allowed: false}
              - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: true}
            rules:
              policiesOnlyIn: [shop]
              worldImmutable: true
            hints:
              - Look at the label the policy selects.
              - It is misspelt.
            solution: |
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: db-ingress
                namespace: shop
              spec:
                podSelector: {matchLabels: {app: db}}
                ingress:
                  - from:
                      - podSelector: {matchLabels: {app: frontend}}
            explanation: |
              Selectors match labels exactly.
            acceptMutants:
              - mutant: widen-pod-selector shop/db-ingress spec.podSelector
                reason: The task is about who reaches the db; it says nothing about the frontend's own ingress.
            """;

    /** Loads {@code text} as the only scenario file of {@code dir}. */
    public static ScenarioLibrary load(java.nio.file.Path dir, String text) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("s.yaml"), text);
        return ScenarioLibrary.loadPaths(java.util.List.of(dir));
    }

    /** The loader's problems for {@code text}, with the directory taken out of their file names. */
    public static java.util.List<String> problems(java.nio.file.Path dir, String text) throws java.io.IOException {
        return load(dir, text).problems().stream().map(p -> p.toString().replace(dir.toString() + "/", "")).toList();
    }
}
