package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.Applier;
import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.YamlProblem;
import dev.netpollab.shell.Editor;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code edit netpol NAME}: as kubectl, the object opens in $EDITOR; on save it is applied; invalid YAML or a
 * rejected object re-opens the file with the errors as comments, and nothing typed is lost.
 */
@Command(name = "edit", description = "Edit a NetworkPolicy in $EDITOR (default vi); it is applied when you save.")
public final class KubectlEdit extends KubectlCommand {
    static final String HEADER = """
            # Please edit the object below. Lines beginning with a '#' will be ignored,
            # and an empty file will abort the edit. If an error occurs while saving this file will be
            # reopened with the relevant failures.
            #
            """;

    @Parameters(index = "0", paramLabel = "TYPE", description = "netpol (NetworkPolicies are what you edit here).")
    String type;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected void run() throws Exception {
        if (ResourceType.parse(type) != ResourceType.NETWORKPOLICY) {
            throw new ShellError("the built-in edit opens netpol; use `label` for pods and namespaces");
        }
        String ns = namespace();
        NetworkPolicy current = (NetworkPolicy) find(ResourceType.NETWORKPOLICY, ns, name);
        if (current == null) {
            throw ResourceType.NETWORKPOLICY.notFound(name);
        }
        Path tmp = Files.createTempFile("netpol-lab-edit-", ".yaml");
        String shown = HEADER + yaml(current);
        Files.writeString(tmp, shown);
        boolean hadError = false;
        String editor = Editor.command(s::env);
        while (true) {
            int code = Editor.edit(editor, tmp, s.lineReader().map(r -> r.getTerminal()).orElse(null));
            if (code != 0) {
                throw new ShellError("error: the editor (" + editor + ") exited with status " + code
                        + "; your file is kept at " + tmp);
            }
            String edited;
            try {
                edited = dev.netpollab.scenario.TextInput.decode(tmp.toString(), Files.readAllBytes(tmp));
            } catch (InvalidInputException e) {
                throw new ShellError("error: " + e.getMessage() + "; nothing was changed, and your file is kept at " + tmp);
            }
            String body = stripComments(edited);
            if (body.isBlank()) {
                Files.deleteIfExists(tmp);
                s.out().println("Edit cancelled, no changes made.");
                return;
            }
            if (body.equals(stripComments(shown))) {
                if (!hadError) {
                    Files.deleteIfExists(tmp);
                    s.out().println("Edit cancelled, no changes made.");
                    return;
                }
                throw new ShellError("error: Edit cancelled, no valid changes were saved.\nA copy of your changes has been stored to \"" + tmp + "\"");
            }
            List<String> errors = save(body, ns);
            if (errors.isEmpty()) {
                Files.deleteIfExists(tmp);
                s.out().println("networkpolicy.networking.k8s.io/" + name + " edited");
                s.policiesChanged();
                return;
            }
            hadError = true;
            shown = HEADER + "# networkpolicies.networking.k8s.io \"" + name + "\" was not valid:\n"
                    + errors.stream().map(e -> "# * " + e.replace("\n", "\n#   ")).collect(Collectors.joining("\n")) + "\n#\n" + body;
            Files.writeString(tmp, shown);
            s.out().println("error: " + errors.get(0).lines().findFirst().orElse("") + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                    + " — reopening the editor");
            s.out().flush();
        }
    }

    /** Applies the edited text; returns the problems, or none when the object was saved. */
    private List<String> save(String body, String ns) {
        List<String> errors = new ArrayList<>();
        List<KubeYaml.KubeObject> objects;
        try {
            objects = KubeYaml.read("edited file", body);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(YamlProblem::toString).toList();
        }
        if (objects.size() != 1 || !(objects.get(0).object() instanceof NetworkPolicy np)) {
            return List.of("the edited file must hold exactly the one NetworkPolicy " + name);
        }
        if (!name.equals(np.getMetadata().getName()) || (np.getMetadata().getNamespace() != null && !ns.equals(np.getMetadata().getNamespace()))) {
            return List.of("metadata.name, metadata.namespace: the name and namespace of an object cannot be changed while editing it");
        }
        np.getMetadata().setNamespace(ns);
        for (FieldError e : PolicyValidator.validate(np)) {
            errors.add(e.toString());
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        NetworkPolicy fresh = s.lab().client().network().networkPolicies().inNamespace(ns).withName(name).get();
        if (fresh == null) {
            return List.of("networkpolicies.networking.k8s.io \"" + name + "\" was deleted while you were editing it");
        }
        np.getMetadata().setResourceVersion(fresh.getMetadata().getResourceVersion());
        if (fresh.getMetadata().getAnnotations() != null && fresh.getMetadata().getAnnotations().containsKey(Applier.LAST_APPLIED)) {
            // kubectl edit keeps an existing last-applied configuration in step with the edit, so a later apply merges against it.
            np = (NetworkPolicy) Applier.withLastApplied(np);
        }
        try {
            s.lab().client().resource(np).update();
        } catch (KubernetesClientException e) {
            return List.of(KubectlErrors.format(e, "NetworkPolicy", name));
        }
        return List.of();
    }

    private static String yaml(NetworkPolicy np) {
        return GoYaml.of(KubectlGet.clean(np));
    }

    static String stripComments(String text) {
        return text.lines().filter(l -> !l.stripLeading().startsWith("#")).collect(Collectors.joining("\n")).strip();
    }
}
