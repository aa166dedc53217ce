package dev.netpollab.policy.lint;

import dev.netpollab.policy.LabelSelectorMatcher;
import dev.netpollab.policy.Suggest;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Topology;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Checks 4 and 5: peers that read differently from what they do, and selectors that match nothing. */
final class PeerChecks {
    private PeerChecks() {
    }

    /** Check 4: a namespace-only peer next to a pod-only peer: an OR that reads like an AND. */
    static final class OrLooksLikeAnd implements LintCheck {
        static final String ID = "or-reads-like-and";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (NetworkPolicy np : ctx.policies()) {
                for (PolicyRules r : PolicyRules.of(np)) {
                    Optional<NetworkPolicyPeer> nsOnly = r.peers().stream().filter(p -> p.getNamespaceSelector() != null && p.getPodSelector() == null).findFirst();
                    Optional<NetworkPolicyPeer> podOnly = r.peers().stream().filter(p -> p.getPodSelector() != null && p.getNamespaceSelector() == null).findFirst();
                    if (nsOnly.isPresent() && podOnly.isPresent()) {
                        String ns = text(nsOnly.get().getNamespaceSelector());
                        String pods = text(podOnly.get().getPodSelector());
                        String own = LintContext.id(np).namespace();
                        out.add(new Finding(ID, Severity.INFO, LintContext.id(np), r.peersPath(),
                                "two separate peers are ORed: all pods in namespaces with " + ns + ", OR pods with " + pods + " in namespace " + own
                                        + "; it does NOT mean pods with " + pods + " in namespaces with " + ns + ".",
                                "if the AND was meant, put namespaceSelector and podSelector in one list element (one dash)."));
                    }
                }
            }
            return out;
        }
    }

    /** Check 5a: a namespaceSelector that matches no namespace, typically {@code name: kube-system}. */
    static final class NamespaceSelectorMatchesNothing implements LintCheck {
        static final String ID = "namespace-selector-matches-nothing";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            Topology t = ctx.topology();
            for (PolicyRules.Peer peer : PolicyRules.peers(ctx.policies())) {
                LabelSelector sel = peer.peer().getNamespaceSelector();
                if (sel == null) {
                    continue;
                }
                LabelSelectorMatcher m = LabelSelectorMatcher.of(sel);
                if (m.isEmpty() || t.namespaces().stream().anyMatch(n -> m.matches(n.labels()))) {
                    continue;
                }
                Map<String, String> ml = sel.getMatchLabels() == null ? Map.of() : sel.getMatchLabels();
                Optional<String> byName = ml.values().stream().filter(t::hasNamespace).findFirst();
                String fix = byName.map(n -> "select it by name: namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: " + n + "}}.")
                        .orElse("check the labels with `kubectl get ns --show-labels`; kubernetes.io/metadata.name is on every namespace.");
                out.add(new Finding(ID, Severity.WARNING, LintContext.id(peer.policy()), peer.path() + ".namespaceSelector",
                        "no namespace has " + m + ", so this peer admits nobody.", fix));
            }
            return out;
        }
    }

    /** Check 5b: a podSelector (of the policy or of a peer) that selects no pod, with a "did you mean". */
    static final class PodSelectorMatchesNothing implements LintCheck {
        static final String ID = "pod-selector-matches-nothing";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            Topology t = ctx.topology();
            for (NetworkPolicy np : ctx.policies()) {
                String ns = LintContext.id(np).namespace();
                LabelSelector own = np.getSpec() == null ? null : np.getSpec().getPodSelector();
                List<PodInfo> local = t.pods().stream().filter(p -> p.namespace().equals(ns)).toList();
                if (own != null && !LabelSelectorMatcher.of(own).isEmpty() && !local.isEmpty()
                        && local.stream().noneMatch(p -> LabelSelectorMatcher.of(own).matches(p.labels()))) {
                    out.add(new Finding(ID, Severity.WARNING, LintContext.id(np), "spec.podSelector",
                            "selects no pod in namespace " + ns + ", so the policy has no effect at all.", suggestion(own, local)));
                }
                for (PolicyRules.Peer entry : PolicyRules.peers(List.of(np))) {
                    NetworkPolicyPeer peer = entry.peer();
                    if (peer.getPodSelector() == null || LabelSelectorMatcher.of(peer.getPodSelector()).isEmpty()) {
                        continue;
                    }
                    LabelSelectorMatcher nsm = peer.getNamespaceSelector() == null ? null : LabelSelectorMatcher.of(peer.getNamespaceSelector());
                    List<PodInfo> candidates = t.pods().stream().filter(p -> nsm == null ? p.namespace().equals(ns)
                            : nsm.matches(t.namespace(p.namespace()).labels())).toList();
                    LabelSelectorMatcher pm = LabelSelectorMatcher.of(peer.getPodSelector());
                    if (candidates.isEmpty() || candidates.stream().anyMatch(p -> pm.matches(p.labels()))) {
                        continue;
                    }
                    String where = nsm == null ? "namespace " + ns : "the selected namespaces";
                    out.add(new Finding(ID, Severity.WARNING, LintContext.id(np), entry.path() + ".podSelector",
                            "no pod in " + where + " has " + pm + ", so this peer admits nobody.", suggestion(peer.getPodSelector(), candidates)));
                }
            }
            return out;
        }

        /** "did you mean app=frontend?" from the values the pods really carry for the selector's keys. */
        private static String suggestion(LabelSelector sel, List<PodInfo> pods) {
            Map<String, String> ml = sel.getMatchLabels() == null ? Map.of() : sel.getMatchLabels();
            for (var e : ml.entrySet()) {
                TreeSet<String> values = new TreeSet<>();
                pods.forEach(p -> Optional.ofNullable(p.labels().get(e.getKey())).ifPresent(values::add));
                Optional<String> best = Suggest.closest(e.getValue(), values).filter(v -> !v.equals(e.getValue()));
                if (best.isPresent()) {
                    return "did you mean " + e.getKey() + "=" + best.get() + "? (`kubectl get pods --show-labels`)";
                }
            }
            return "compare with `kubectl get pods --show-labels`.";
        }
    }

    static String text(LabelSelector s) {
        String t = LabelSelectorMatcher.of(s).toString();
        return t.isEmpty() ? "any labels" : t;
    }

}
