package dev.netpollab.cli;

import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Topology;
import dev.netpollab.scenario.UserError;

/** Parses {@code ns/pod} and {@code ns/pod:PORT[/PROTO]} arguments against a topology. */
final class EndpointArgs {
    record Target(PodInfo pod, int port, Protocol protocol) {
    }

    private EndpointArgs() {
    }

    static PodInfo pod(Topology t, String arg) {
        return t.pod(arg).orElseThrow(() -> new UserError("no pod " + arg + " in the input (write it as NAMESPACE/POD; pods: "
                + String.join(", ", t.pods().stream().limit(20).map(PodInfo::id).toList()) + (t.pods().size() > 20 ? ", ..." : "") + ")"));
    }

    static Target target(Topology t, String arg) {
        int colon = arg.lastIndexOf(':');
        if (colon < 0) {
            throw new UserError("destination " + arg + " needs a port: NAMESPACE/POD:PORT[/PROTOCOL], e.g. shop/db:5432/TCP");
        }
        PodInfo pod = pod(t, arg.substring(0, colon));
        String portPart = arg.substring(colon + 1);
        Protocol protocol = Protocol.TCP;
        int slash = portPart.indexOf('/');
        if (slash >= 0) {
            String proto = portPart.substring(slash + 1);
            protocol = Protocol.parseLenient(proto).orElseThrow(() -> new UserError("unknown protocol " + proto + " (TCP, UDP or SCTP)"));
            portPart = portPart.substring(0, slash);
        }
        String p = portPart;
        int port = pod.ports().stream().filter(cp -> p.equals(cp.name())).mapToInt(cp -> cp.port()).findFirst().orElseGet(() -> {
            try {
                return Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UserError("port " + p + " is neither a number nor a port name of " + pod.id());
            }
        });
        if (port < 1 || port > 65535) {
            throw new UserError("port " + port + " is not between 1 and 65535");
        }
        return new Target(pod, port, protocol);
    }
}
