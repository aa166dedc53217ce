package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.netpollab.shell.InProcessShell.section;
import static org.assertj.core.api.Assertions.assertThat;

/** The kubectl built-ins as candidates type them, on the embedded lab, compared with what the real kubectl prints. */
class KubectlShellTest {
    @TempDir
    Path home;

    @Test
    @DisplayName("relabelled-pod's hint works: `label pod a -n x status=healthy --overwrite` relabels, and the check passes")
    void labelPod() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k label pod a -n x status=healthy
                k label pod a -n x status=healthy --overwrite
                k label pod a -n x status=healthy --overwrite
                k get pods -n x -l status=healthy
                check
                quit
                """);
        // kubectl: error: 'status' already has a value (quarantined), and --overwrite is false
        assertThat(section(out, "k label pod a -n x status=healthy")).contains("error: 'status' already has a value (quarantined), and --overwrite is false");
        assertThat(out).contains("pod/a labeled").contains("pod/a not labeled").doesNotContain("No resource or invalid resource provided");
        assertThat(section(out, "k get pods -n x -l status=healthy")).contains("a ").contains("b ").doesNotContain("c ");
        assertThat(section(out, "check")).contains("PASS");
    }

    @Test
    @DisplayName("set-based and key-only selectors: app!=x (also pods without app), in (...), notin, key, !key")
    void selectors() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k get pods -n x -l status!=healthy
                k get pods -n x -l 'pod in (a,b)'
                k get pods -n x -l 'pod notin (a,b)'
                k get pods -n x -l incident
                k get pods -n x -l !incident,status=quarantined
                k get pods -n x -l 'pod in (a'
                quit
                """);
        assertThat(names(section(out, "k get pods -n x -l status!=healthy"))).isEqualTo("a c");
        assertThat(names(section(out, "k get pods -n x -l 'pod in (a,b)'"))).isEqualTo("a b");
        assertThat(names(section(out, "k get pods -n x -l 'pod notin (a,b)'"))).isEqualTo("c d");
        assertThat(names(section(out, "k get pods -n x -l incident"))).isEqualTo("c");
        assertThat(names(section(out, "k get pods -n x -l !incident,status=quarantined"))).isEqualTo("a");
        assertThat(section(out, "k get pods -n x -l 'pod in (a'")).startsWith("error: unable to parse requirement");
    }

    @Test
    @DisplayName("create and apply without -f, create's generators and unknown create words answer as kubectl does, not 'Required resource'")
    void createWithoutAFile() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k create deploy web --image=nginx
                k create ns extra
                k create networkpolicy np -n x
                k apply
                k create -n x
                quit
                """);
        assertThat(section(out, "k create deploy web --image=nginx")).startsWith("error: `kubectl create deploy` is not available in this shell")
                .contains("apply -f");
        assertThat(section(out, "k create ns extra")).startsWith("error: `kubectl create ns` is not available");
        assertThat(section(out, "k create networkpolicy np -n x"))
                .isEqualTo("error: unknown command \"networkpolicy np\"\nSee 'kubectl create -h' for help and examples\n");
        assertThat(section(out, "k apply")).startsWith("error: must specify one of -f and -k\n");
        assertThat(section(out, "k create -n x")).startsWith("error: must specify one of -f and -k\n");
        assertThat(out).doesNotContain("Required resource not specified");
    }

    @Test
    @DisplayName("apply or create of a directory or file with no objects says so, as kubectl does, instead of nothing")
    void noObjectsPassed() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createDirectories(home.resolve("empty"));
        java.nio.file.Path comments = java.nio.file.Files.writeString(home.resolve("comments.yaml"), "# nothing yet\n");
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k apply -f %s
                k create -f %s
                quit
                """.formatted(empty, comments));
        assertThat(section(out, "k apply -f " + empty)).isEqualTo("error: no objects passed to apply\n");
        assertThat(section(out, "k create -f " + comments)).isEqualTo("error: no objects passed to create\n");
    }

    @Test
    @DisplayName("k config: set-context --current --namespace=x makes x the default of every built-in; use-context knows the one context")
    void configContexts() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k config set-context --current --namespace=x
                k get netpol
                k config get-contexts
                k config current-context
                k config use-context netpol-lab
                k config use-context k8s
                k config view
                kubectl config set-context --current --namespace default
                k get netpol
                quit
                """);
        // (section() ends at the next "netpol-lab", the prompt's word, which is also the context's name.)
        assertThat(out).contains("> k config set-context --current --namespace=x\nContext \"netpol-lab\" modified.\n")
                .contains("> k config get-contexts\nCURRENT   NAME         CLUSTER      AUTHINFO     NAMESPACE\n"
                        + "*         netpol-lab   netpol-lab   netpol-lab   x\n")
                .contains("> k config current-context\nnetpol-lab\n")
                .contains("> k config use-context netpol-lab\nSwitched to context \"netpol-lab\".\n");
        assertThat(section(out, "k get netpol")).contains("quarantine");
        assertThat(section(out, "k config use-context k8s")).startsWith("error: no context exists with the name: \"k8s\"");
        assertThat(section(out, "k config view")).startsWith("error: `kubectl config view` is not available");
        String after = out.substring(out.indexOf("kubectl config set-context --current --namespace default"));
        assertThat(section(after, "k get netpol")).isEqualTo("No resources found in default namespace.\n");
    }

    /** The NAME column of a table, joined by spaces. */
    private static String names(String table) {
        return String.join(" ", table.lines().skip(1).map(l -> l.split("\\s+")[0]).toList());
    }

    @Test
    @DisplayName("-n before the verb, describe -A, did-you-mean, pflag's flag errors, bad namespaces as kubectl answers them")
    void commandLine() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k -n x get netpol
                k --namespace=x get netpol/quarantine
                k describe netpol -A
                k desribe netpol
                k get pods --bogus
                k get pods -Z
                k get pods -n
                k get netpol -n ../../etc
                k get netpol -n 'a b'
                k get netpol quarantine -n 'a b'
                k get widgets
                k logs a
                k delete netpol x -n 'a b'
                k delete netpol x/quarantine -n x
                quit
                """);
        assertThat(section(out, "k -n x get netpol")).contains("quarantine   status=quarantined");
        assertThat(section(out, "k --namespace=x get netpol/quarantine")).contains("quarantine");
        assertThat(section(out, "k describe netpol -A")).contains("Name:         quarantine").contains("Namespace:    x");
        // cobra's suggestion block, as kubectl prints it for `kubectl descibe pvc`.
        assertThat(section(out, "k desribe netpol")).isEqualTo("error: unknown command \"desribe\" for \"kubectl\"\n\nDid you mean this?\n\tdescribe\n");
        assertThat(section(out, "k get pods --bogus")).isEqualTo("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
        assertThat(section(out, "k get pods -Z")).startsWith("error: unknown shorthand flag: 'Z' in -Z\n");
        assertThat(section(out, "k get pods -n")).startsWith("error: flag needs an argument: 'n' in -n\n");
        // client-go refuses a namespace that is not a path segment before sending anything.
        assertThat(section(out, "k get netpol -n ../../etc")).isEqualTo("error: invalid namespace \"../../etc\": [may not contain '/']\n");
        // The API server lists an impossible namespace as empty and finds nothing in it.
        assertThat(section(out, "k get netpol -n 'a b'")).isEqualTo("No resources found in a b namespace.\n");
        assertThat(section(out, "k get netpol quarantine -n 'a b'"))
                .isEqualTo("Error from server (NotFound): networkpolicies.networking.k8s.io \"quarantine\" not found\n");
        assertThat(section(out, "k get widgets")).isEqualTo("error: the server doesn't have a resource type \"widgets\"\n");
        assertThat(section(out, "k logs a")).startsWith("error: `kubectl logs` is not available in this shell");
        assertThat(section(out, "k delete netpol x -n 'a b'")).isEqualTo("Error from server (NotFound): networkpolicies.networking.k8s.io \"x\" not found\n");
        assertThat(section(out, "k delete netpol x/quarantine -n x")).startsWith("error: there is no need to specify a resource type as a separate argument");
        assertThat(out).doesNotContain("An error has occurred").doesNotContain("Exception");
    }

    @Test
    @DisplayName("-o json (4-space, sorted keys), -o yaml (quoted timestamps), jsonpath with range/end, custom-columns, name, wide")
    void outputs() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k get netpol quarantine -n x -o json
                k get netpol quarantine -n x -o yaml
                k get pods -n x -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.metadata.labels.status}{"\\n"}{end}'
                k get pods -n x -o jsonpath={.items[*].metadata.name}
                k get pods -n x -o custom-columns=NAME:.metadata.name,STATUS:.metadata.labels.status,NODE:.spec.nodeName
                k get netpol,pods -n x -o name
                k get pods -n x -o wide
                k get netpol,pods -n x
                k get pods -n x -o table
                quit
                """);
        String json = section(out, "k get netpol quarantine -n x -o json");
        assertThat(json).startsWith("{\n    \"apiVersion\": \"networking.k8s.io/v1\",\n    \"kind\": \"NetworkPolicy\",\n    \"metadata\": {\n        \"annotations\": {\n")
                .contains("\n    \"spec\": {\n        \"podSelector\": {\n            \"matchLabels\": {\n                \"status\": \"quarantined\"\n");
        String yaml = section(out, "k get netpol quarantine -n x -o yaml");
        assertThat(yaml).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  annotations:\n")
                .containsPattern("\n  creationTimestamp: \"\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\"\n")
                .contains("  policyTypes:\n  - Ingress\n  - Egress\n");
        assertThat(section(out, "k get pods -n x -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.metadata.labels.status}{\"\\n\"}{end}'"))
                .isEqualTo("a\tquarantined\nb\thealthy\nc\tquarantined\nd\thealthy\n");
        assertThat(section(out, "k get pods -n x -o jsonpath={.items[*].metadata.name}")).isEqualTo("a b c d\n");
        assertThat(section(out, "k get pods -n x -o custom-columns=NAME:.metadata.name,STATUS:.metadata.labels.status,NODE:.spec.nodeName"))
                .isEqualTo("NAME   STATUS        NODE\na      quarantined   embedded\nb      healthy       embedded\nc      quarantined   embedded\nd      healthy       embedded\n");
        assertThat(section(out, "k get netpol,pods -n x -o name")).isEqualTo("networkpolicy.networking.k8s.io/quarantine\npod/a\npod/b\npod/c\npod/d\n");
        assertThat(section(out, "k get pods -n x -o wide").lines().findFirst().orElseThrow())
                .isEqualTo("NAME   READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES");
        String two = section(out, "k get netpol,pods -n x");
        assertThat(two).contains("networkpolicy.networking.k8s.io/quarantine").contains("\n\nNAME    READY").contains("pod/a ");
        assertThat(section(out, "k get pods -n x -o table"))
                .startsWith("error: unable to match a printer suitable for the output format \"table\", allowed formats are: ");
    }

    @Test
    @DisplayName("the standard cluster: namespaces, kubernetes and kube-dns Services, their endpoints and EndpointSlices")
    void standardCluster() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k get ns
                k get svc -A
                k get endpoints kubernetes
                k get endpointslices -n default
                k describe svc kube-dns -n kube-system
                quit
                """);
        assertThat(section(out, "k get ns")).contains("default ").contains("kube-node-lease ").contains("kube-public ").contains("kube-system ")
                .contains("x ");
        assertThat(section(out, "k get svc -A")).containsPattern("default +kubernetes +ClusterIP +10\\.43\\.0\\.1 +<none> +443/TCP")
                .containsPattern("kube-system +kube-dns +ClusterIP +10\\.43\\.0\\.10 +<none> +53/UDP,53/TCP,9153/TCP");
        assertThat(section(out, "k get endpoints kubernetes")).containsPattern("kubernetes +198\\.51\\.100\\.100:6443");
        assertThat(section(out, "k get endpointslices -n default")).containsPattern("kubernetes +IPv4 +6443 +198\\.51\\.100\\.100");
        assertThat(section(out, "k describe svc kube-dns -n kube-system")).contains("Selector:                 k8s-app=kube-dns")
                .containsPattern("Endpoints: +10\\.42\\.\\d+\\.\\d+:53");
    }

    @Test
    @DisplayName("apply merges three ways: a field removed from the file goes, a label set by `label` stays; no annotation, a warning")
    void threeWayApply() throws Exception {
        Path first = home.resolve("first.yaml");
        Files.writeString(first, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: x, labels: {team: a, owner: b}}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]
                """);
        Path second = home.resolve("second.yaml");
        Files.writeString(second, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: x, labels: {team: a}}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                """);
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k apply -f %1$s
                k label netpol web -n x extra=yes
                k apply -f %2$s
                k get netpol web -n x -o jsonpath={.metadata.labels}
                k get netpol web -n x -o jsonpath={.spec.ingress}
                k apply -f %2$s
                k create -f %1$s -n x
                k delete netpol web -n x
                k create -f %1$s
                k apply -f %2$s
                quit
                """.formatted(first, second));
        assertThat(out).contains("networkpolicy.networking.k8s.io/web created").contains("networkpolicy.networking.k8s.io/web configured")
                .contains("networkpolicy.networking.k8s.io/web unchanged");
        assertThat(section(out, "k get netpol web -n x -o jsonpath={.metadata.labels}")).isEqualTo("{\"extra\":\"yes\",\"team\":\"a\"}\n");
        assertThat(section(out, "k get netpol web -n x -o jsonpath={.spec.ingress}")).as("ingress was last applied, then left out: removed")
                .isEmpty();
        String afterCreate = out.substring(out.lastIndexOf("> k apply -f " + second));
        assertThat(afterCreate).contains("Warning: resource networkpolicies/web is missing the kubectl.kubernetes.io/last-applied-configuration "
                + "annotation which is required by kubectl apply.");
    }

    private static final String WEB_FIX = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-ingress, namespace: apps}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{from: [{podSelector: {matchLabels: {role: client}}}], ports: [{port: 8080}]}]
            """;

    @Test
    @DisplayName("exec: curl, wget, nc, nslookup answer from the engine with the tools' words and exit codes; DNAT to targetPort; DNS blocked")
    void exec() throws Exception {
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, WEB_FIX);
        Path denyEgress = home.resolve("deny.yaml");
        Files.writeString(denyEgress, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-egress, namespace: apps}
                spec: {podSelector: {matchLabels: {role: guest}}, policyTypes: [Egress]}
                """);
        String out = InProcessShell.run(home, """
                start service-port-vs-target-port
                k exec client -n apps -- curl -s -m 2 web
                k exec client -n apps -- curl -sS -m 2 web
                k exec client -n apps -- wget -qO- -T 2 web
                k exec client -n apps -- nc -zv -w 2 web 80
                k exec client -n apps -- nslookup web
                k apply -f %s
                k exec client -n apps -- curl -s -m 2 web
                k exec client -n apps -- curl -s -m 2 -o /dev/null -w '%%{http_code}\\n' web.apps.svc.cluster.local
                k exec client -n apps -- nc -zv -w 2 web 80
                k exec client -n apps -- curl -sS -m 2 web:8080
                k exec client -n apps -- curl -sS -m 2 nosuch
                k exec intruder -n apps -- curl -sS --connect-timeout 2 web
                k apply -f %s
                k exec intruder -n apps -- curl -sS -m 2 web
                k exec intruder -n apps -- curl -sS web
                k exec intruder -n apps -- nslookup web
                k exec intruder -n apps -- dig +short web.apps.svc.cluster.local
                k exec client -n apps -- traceroute web
                k exec client -n apps -- sh -c 'curl -s -m 1 web || echo unreachable'
                k exec client -n apps -- timeout 2 curl -s web
                k exec client -n apps curl web
                quit
                """.formatted(fix, denyEgress));
        // Before the fix: the policy opens the Service port 80, but the packet reaches the pod on 8080 and is dropped.
        assertThat(out).contains("> k exec client -n apps -- curl -s -m 2 web\ncommand terminated with exit code 28\n");
        assertThat(section(out, "k exec client -n apps -- curl -sS -m 2 web"))
                .isEqualTo("curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
        assertThat(section(out, "k exec client -n apps -- wget -qO- -T 2 web")).isEqualTo("wget: download timed out\ncommand terminated with exit code 1\n");
        assertThat(out).containsPattern("nc: connect to web \\(10\\.43\\.\\d+\\.\\d+\\) port 80 \\(tcp\\) timed out: Operation now in progress\n"
                + "command terminated with exit code 1");
        assertThat(section(out, "k exec client -n apps -- nslookup web")).containsPattern("Name:\tweb\\.apps\\.svc\\.cluster\\.local\nAddress: 10\\.43\\.");
        // After the fix: agnhost porter answers with its text (the pod's name); -w prints curl's write-out.
        assertThat(out).contains("> k exec client -n apps -- curl -s -m 2 web\nweb\n");
        assertThat(out).contains("\n200\n");
        assertThat(out).containsPattern("Connection to web \\(10\\.43\\.\\d+\\.\\d+\\) 80 port \\[tcp/http] succeeded!");
        assertThat(section(out, "k exec client -n apps -- curl -sS -m 2 web:8080")).as("the Service has no port 8080")
                .startsWith("curl: (28) Connection timed out after 2001 milliseconds");
        assertThat(section(out, "k exec client -n apps -- curl -sS -m 2 nosuch")).isEqualTo("curl: (6) Could not resolve host: nosuch\ncommand terminated with exit code 6\n");
        assertThat(section(out, "k exec intruder -n apps -- curl -sS --connect-timeout 2 web")).startsWith("curl: (28) Connection timed out after 2001 milliseconds");
        // Egress denied: the lookup never gets out.
        assertThat(section(out, "k exec intruder -n apps -- curl -sS -m 2 web")).startsWith("curl: (28) Resolving timed out after 2001 milliseconds");
        assertThat(section(out, "k exec intruder -n apps -- curl -sS web")).startsWith("curl: (6) Could not resolve host: web\n");
        assertThat(section(out, "k exec intruder -n apps -- nslookup web")).startsWith(";; connection timed out; no servers could be reached\n");
        assertThat(section(out, "k exec intruder -n apps -- dig +short web.apps.svc.cluster.local"))
                .contains(";; communications error to 10.43.0.10#53: timed out\n").contains("command terminated with exit code 9");
        assertThat(section(out, "k exec client -n apps -- traceroute web")).contains("exec: \"traceroute\": executable file not found in $PATH");
        assertThat(section(out, "k exec client -n apps -- sh -c 'curl -s -m 1 web || echo unreachable'")).isEqualTo("web\n");
        assertThat(section(out, "k exec client -n apps -- timeout 2 curl -s web")).isEqualTo("web\n");
        assertThat(section(out, "k exec client -n apps curl web"))
                .isEqualTo("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n");
    }

    @Test
    @DisplayName("drill: verify a policy only through exec and run --rm; the temporary pod never breaks the world's integrity")
    void verifyThroughExec() throws Exception {
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, WEB_FIX);
        String out = InProcessShell.run(home, """
                start service-port-vs-target-port
                k run t1 --rm -it --image=busybox -n apps -l role=client -- wget -qO- -T 2 web
                k apply -f %s
                k run t2 --rm -it --image=busybox -n apps -l role=client -- wget -qO- -T 2 web
                k run t3 --rm -i --restart=Never --image=curlimages/curl -n apps -l role=guest -- curl -sS -m 2 web
                k run t4 --rm -it --image=busybox -n apps -- curl web
                k get pods -A
                check
                quit
                """.formatted(fix));
        assertThat(section(out, "k run t1 --rm -it --image=busybox -n apps -l role=client -- wget -qO- -T 2 web"))
                .isEqualTo("If you don't see a command prompt, try pressing enter.\nwget: download timed out\npod \"t1\" deleted\n");
        assertThat(section(out, "k run t2 --rm -it --image=busybox -n apps -l role=client -- wget -qO- -T 2 web")).contains("\nweb\npod \"t2\" deleted");
        assertThat(section(out, "k run t3 --rm -i --restart=Never --image=curlimages/curl -n apps -l role=guest -- curl -sS -m 2 web"))
                .isEqualTo("curl: (28) Connection timed out after 2001 milliseconds\npod \"t3\" deleted\npod apps/t3 terminated (Error)\n");
        assertThat(section(out, "k run t4 --rm -it --image=busybox -n apps -- curl web")).as("busybox has no curl")
                .contains("exec: \"curl\": executable file not found in $PATH");
        assertThat(section(out, "k get pods -A")).doesNotContain("t1").doesNotContain("t2").doesNotContain("t3");
        assertThat(section(out, "check")).contains("PASS");
    }

    @Test
    @DisplayName("run without --rm creates a pod (then counts as added); exec works in it; delete removes it but never a world pod")
    void runWithoutRm() throws Exception {
        String out = InProcessShell.run(home, """
                start service-port-vs-target-port
                k run keep --image=busybox -n apps -l role=client -- sleep 3600
                k exec keep -n apps -- wget -qO- -T 2 web
                check
                k delete pod web -n apps
                k delete pod keep -n apps
                k get pods -n apps
                quit
                """);
        assertThat(section(out, "k run keep --image=busybox -n apps -l role=client -- sleep 3600")).isEqualTo("pod/keep created\n");
        assertThat(section(out, "k exec keep -n apps -- wget -qO- -T 2 web")).isEqualTo("wget: download timed out\ncommand terminated with exit code 1\n");
        assertThat(section(out, "check")).contains("pod apps/keep was added");
        assertThat(section(out, "k delete pod web -n apps")).contains("is part of the scenario's world");
        assertThat(section(out, "k delete pod keep -n apps")).isEqualTo("pod \"keep\" deleted\n");
        assertThat(section(out, "k get pods -n apps")).contains("web ").doesNotContain("keep");
    }

    @Test
    @DisplayName("explain networkpolicy: kubectl's layout, a field path through lists, --recursive, and kubectl's error for a wrong field")
    void explain() throws Exception {
        String out = InProcessShell.run(home, """
                k explain netpol
                k explain networkpolicy.spec.ingress.from.ipBlock
                k explain networkpolicies.spec --recursive
                explain netpol.spec.egress.ports.protocol
                k explain netpol.spec.ingres
                quit
                """);
        assertThat(section(out, "k explain netpol")).startsWith("GROUP:      networking.k8s.io\nKIND:       NetworkPolicy\nVERSION:    v1\n\nDESCRIPTION:\n")
                .contains("FIELDS:\n  apiVersion\t<string>\n").contains("  spec\t<NetworkPolicySpec>\n");
        assertThat(section(out, "k explain networkpolicy.spec.ingress.from.ipBlock")).contains("FIELD: ipBlock <IPBlock>")
                .contains("  cidr\t<string> -required-\n").contains("  except\t<[]string>\n");
        assertThat(section(out, "k explain networkpolicies.spec --recursive")).contains("FIELD: spec <NetworkPolicySpec>")
                .contains("  egress\t<[]NetworkPolicyEgressRule>\n    ports\t<[]NetworkPolicyPort>\n      endPort\t<integer>\n      port\t<IntOrString>\n"
                        + "      protocol\t<string>\n      enum: SCTP, TCP, UDP\n    to\t<[]NetworkPolicyPeer>\n      ipBlock\t<IPBlock>\n        cidr\t<string> -required-\n");
        assertThat(section(out, "explain netpol.spec.egress.ports.protocol")).contains("FIELD: protocol <string>").contains("ENUM:\n    SCTP\n");
        assertThat(section(out, "k explain netpol.spec.ingres")).isEqualTo("error: field \"ingres\" does not exist\n");
    }
}
