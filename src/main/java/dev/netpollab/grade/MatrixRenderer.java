package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.ContainerPortInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Protocol;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Outcome;
import dev.netpollab.probe.Probe;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A compact connectivity grid: one row per source pod, one column per destination (a pod's port, a Service's
 * port, an endpoint outside the cluster), and a legend for the marks. Columns are numbered and listed under
 * the grid so that long names do not blow the width.
 */
public final class MatrixRenderer {
    private MatrixRenderer() {
    }

    /** What one cell shows. */
    enum Mark {
        ALLOWED("✓", "allowed"), BLOCKED("✗", "blocked"), SELF("·", "the pod itself"),
        DNS_FAILED("d", "the Service name does not resolve (DNS blocked)"), REFUSED("r", "refused: allowed, but nothing answers"),
        ERROR("?", "the probe cannot be made");

        final String symbol;
        final String meaning;

        Mark(String symbol, String meaning) {
            this.symbol = symbol;
            this.meaning = meaning;
        }

        static Mark of(Outcome o) {
            return switch (o) {
                case ALLOWED -> ALLOWED;
                case BLOCKED -> BLOCKED;
                case DNS_FAILED -> DNS_FAILED;
                case REFUSED -> REFUSED;
                case ERROR -> ERROR;
            };
        }
    }

    /** Pod to pod, on every declared port: what {@code analyze --format matrix} shows. */
    public static List<String> render(PolicyEngine engine, List<PodInfo> pods, Colors colors) {
        List<String> labels = new ArrayList<>();
        List<PodInfo> dsts = new ArrayList<>();
        List<ContainerPortInfo> ports = new ArrayList<>();
        for (PodInfo dst : pods) {
            for (ContainerPortInfo p : PolicyEngine.distinctPorts(dst)) {
                labels.add(label(dst, p));
                dsts.add(dst);
                ports.add(p);
            }
        }
        Mark[][] cells = new Mark[pods.size()][labels.size()];
        for (int r = 0; r < pods.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                PodInfo src = pods.get(r);
                cells[r][c] = dsts.get(c).id().equals(src.id()) ? Mark.SELF
                        : engine.allows(src, dsts.get(c), ports.get(c).port(), ports.get(c).protocol()) ? Mark.ALLOWED : Mark.BLOCKED;
            }
        }
        return grid(pods.stream().map(PodInfo::id).toList(), labels, cells, colors);
    }

    /**
     * What a learner can reach in a lab, as the engine computes it: the pods' ports, then the Services (resolved
     * through cluster DNS and forwarded to their target ports, as a probe to {@code svc:} does), then the
     * endpoints outside the cluster ({@code ext:}).
     *
     * @param pods     the sources, and the pods shown as destinations
     * @param services which of the lab's Services to show
     */
    public static List<String> render(ClusterSnapshot snapshot, List<PodInfo> pods, Predicate<Service> services, Colors colors) {
        PolicyEngine engine = PolicyEngine.compile(snapshot.topology(), snapshot.policies());
        List<String> labels = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        List<Protocol> protocols = new ArrayList<>();
        for (PodInfo dst : pods) {
            for (ContainerPortInfo p : PolicyEngine.distinctPorts(dst)) {
                labels.add(label(dst, p));
                targets.add(new Target.Pod(dst.namespace(), dst.name()));
                ports.add(p.port());
                protocols.add(p.protocol());
            }
        }
        for (Service svc : snapshot.services()) {
            if (!services.test(svc) || svc.getSpec() == null || svc.getSpec().getPorts() == null) {
                continue;
            }
            for (ServicePort sp : svc.getSpec().getPorts()) {
                Protocol protocol = Protocol.orDefault(sp.getProtocol());
                Target t = new Target.Service(svc.getMetadata().getNamespace(), svc.getMetadata().getName());
                labels.add(t.text() + ":" + sp.getPort() + "/" + protocol + " (Service)");
                targets.add(t);
                ports.add(sp.getPort());
                protocols.add(protocol);
            }
        }
        for (WorldExternal ext : snapshot.externals()) {
            for (int port : ext.ports()) {
                labels.add("ext:" + ext.name() + ":" + port + "/TCP (" + ext.ip() + ", outside the cluster)");
                targets.add(new Target.External(ext.name()));
                ports.add(port);
                protocols.add(Protocol.TCP);
            }
        }
        Mark[][] cells = new Mark[pods.size()][labels.size()];
        for (int r = 0; r < pods.size(); r++) {
            PodInfo src = pods.get(r);
            for (int c = 0; c < labels.size(); c++) {
                boolean self = targets.get(c) instanceof Target.Pod p && p.id().equals(src.id());
                cells[r][c] = self ? Mark.SELF
                        : Mark.of(ModelProber.observe(engine, snapshot, new Probe(src.id(), targets.get(c), ports.get(c), protocols.get(c))).outcome());
            }
        }
        return grid(pods.stream().map(PodInfo::id).toList(), labels, cells, colors);
    }

    private static String label(PodInfo dst, ContainerPortInfo p) {
        return dst.id() + ":" + p.port() + "/" + p.protocol() + (p.name() == null ? "" : " (" + p.name() + ")");
    }

    private static List<String> grid(List<String> rows, List<String> columns, Mark[][] cells, Colors colors) {
        int nameWidth = rows.stream().mapToInt(String::length).max().orElse(4);
        int cell = String.valueOf(columns.size()).length() + 1;
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder(" ".repeat(nameWidth + 2));
        for (int i = 0; i < columns.size(); i++) {
            head.append(pad(String.valueOf(i + 1), cell));
        }
        out.add(head.toString().stripTrailing());
        Set<Mark> used = EnumSet.noneOf(Mark.class);
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder row = new StringBuilder(String.format("%-" + nameWidth + "s", rows.get(r))).append("  ");
            for (int c = 0; c < columns.size(); c++) {
                used.add(cells[r][c]);
                row.append(" ".repeat(cell - 1)).append(paint(cells[r][c], colors));
            }
            out.add(row.toString());
        }
        out.add("");
        for (int i = 0; i < columns.size(); i++) {
            out.add(pad(String.valueOf(i + 1), cell) + " " + columns.get(i));
        }
        out.add("");
        // ✓ ✗ · always, as every grid can have them; the rarer marks only when the grid shows them, one per line.
        out.add("Rows are sources, columns destinations: " + legend(Mark.ALLOWED, colors) + "   " + legend(Mark.BLOCKED, colors) + "   "
                + legend(Mark.SELF, colors));
        for (Mark m : used) {
            if (!EnumSet.of(Mark.ALLOWED, Mark.BLOCKED, Mark.SELF).contains(m)) {
                out.add(" ".repeat("Rows are sources, columns destinations: ".length()) + legend(m, colors));
            }
        }
        return out;
    }

    private static String legend(Mark m, Colors c) {
        return paint(m, c) + " " + m.meaning;
    }

    private static String paint(Mark m, Colors c) {
        return switch (m) {
            case ALLOWED -> c.green(m.symbol);
            case BLOCKED -> c.red(m.symbol);
            case SELF -> c.dim(m.symbol);
            default -> c.yellow(m.symbol);
        };
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
