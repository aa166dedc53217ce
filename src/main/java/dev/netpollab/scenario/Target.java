package dev.netpollab.scenario;

import java.util.Optional;

/**
 * Where a probe goes, in the probe grammar: a pod {@code ns/name} (its IP), a Service {@code svc:ns/name}
 * (resolved through cluster DNS) or an endpoint outside the cluster {@code ext:name}.
 */
public sealed interface Target {
    /** The target as written in the grammar. */
    String text();

    record Pod(String namespace, String name) implements Target {
        public String id() {
            return namespace + "/" + name;
        }

        @Override
        public String text() {
            return id();
        }
    }

    record Service(String namespace, String name) implements Target {
        public String id() {
            return namespace + "/" + name;
        }

        @Override
        public String text() {
            return "svc:" + id();
        }
    }

    record External(String name) implements Target {
        @Override
        public String text() {
            return "ext:" + name;
        }
    }

    static Optional<Target> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        if (s.startsWith("ext:")) {
            String n = s.substring(4);
            return n.isEmpty() || n.contains("/") ? Optional.empty() : Optional.of(new External(n));
        }
        boolean svc = s.startsWith("svc:");
        String rest = svc ? s.substring(4) : s;
        String[] parts = rest.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[1].equals("*")) {
            return Optional.empty();
        }
        return Optional.of(svc ? new Service(parts[0], parts[1]) : new Pod(parts[0], parts[1]));
    }
}
