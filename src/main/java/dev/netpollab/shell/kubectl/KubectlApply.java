package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.Applier;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code apply -f} and {@code create -f}. */
public final class KubectlApply {
    private KubectlApply() {
    }

    abstract static class FileCommand extends KubectlCommand {
        @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "A file, a directory, or - for the terminal.")
        String file;

        /** kubectl's --dry-run: bare it means client (kubectl warns that the bare flag is deprecated). */
        @Option(names = "--dry-run", arity = "0..1", fallbackValue = "unchanged", paramLabel = "none|client|server",
                description = "Only show what would be sent: client, or server (validated by the API server's rules); nothing changes.")
        String dryRun;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "With --dry-run: yaml, json or name.")
        String output;

        protected List<HasMetadata> objects() {
            List<HasMetadata> objects = Manifest.read(s, file, namespace == null ? null : Names.checkNamespace(namespace), s.takeHeredoc());
            if (objects.isEmpty()) {
                // kubectl's words for a file or directory with nothing in it: silence would read as success.
                throw new ShellError("error: no objects passed to " + getClass().getAnnotation(Command.class).name());
            }
            return objects;
        }

        /** none (or no flag): null; else client or server, checked as kubectl checks the flag's value. */
        private String dryRunMode() {
            if (dryRun == null || dryRun.equals("none")) {
                if (output != null) {
                    Output.parse(output);
                }
                return null;
            }
            if (dryRun.equals("unchanged")) {
                s.terminal().println("warning: --dry-run is deprecated and can be replaced with --dry-run=client.");
                return "client";
            }
            if (!dryRun.equals("client") && !dryRun.equals("server")) {
                throw new ShellError("error: Invalid dry-run value (" + dryRun + "). Must be \"none\", \"server\", or \"client\".");
            }
            return dryRun;
        }

        /**
         * --dry-run=client|server: each object is printed (-o) or named with "(dry run)" / "(server dry run)", and
         * nothing is stored. The server mode also applies the API server's validation and create's existence check.
         */
        private void dryRun(String mode) {
            boolean server = mode.equals("server");
            Output out = output == null ? null : Output.parse(output);
            if (out != null && out.table()) {
                throw new ShellError("error: unable to match a printer suitable for the output format \"" + output + "\", allowed formats are: "
                        + "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml");
            }
            List<String> errors = new ArrayList<>();
            for (HasMetadata o : objects()) {
                String name = o.getMetadata().getName();
                boolean create = this instanceof Create;
                // apply reads the live object even in client mode; create looks only when the server is asked.
                boolean exists = (server || !create) && s.lab().client().resource(o).get() != null;
                if (server && o instanceof NetworkPolicy np) {
                    var problems = dev.netpollab.policy.PolicyValidator.validate(np);
                    if (!problems.isEmpty()) {
                        // apimachinery's aggregate: one cause alone, several in brackets.
                        String causes = String.join(", ", problems.stream().map(Object::toString).toList());
                        errors.add("The NetworkPolicy \"" + name + "\" is invalid: " + (problems.size() == 1 ? causes : "[" + causes + "]"));
                        continue;
                    }
                }
                if (create && exists) {
                    errors.add("Error from server (AlreadyExists): error when creating \"" + file + "\": "
                            + ResourceType.parse(o.getKind().toLowerCase(java.util.Locale.ROOT)).plural() + " \"" + name + "\" already exists");
                    continue;
                }
                HasMetadata shown = create ? o : dev.netpollab.lab.Applier.withLastApplied(o);
                String id = dev.netpollab.lab.KubeNames.resourceName(o);
                if (out == null) {
                    s.out().println(id + " " + (!create && exists ? "configured" : "created") + (server ? " (server dry run)" : " (dry run)"));
                } else {
                    out.print(List.of(shown), true, x -> id).forEach(text -> s.out().println(text.stripTrailing()));
                }
            }
            if (!errors.isEmpty()) {
                throw new ShellError(String.join("\n", errors));
            }
        }

        /**
         * Runs one kubectl action per object, as kubectl does: every object is tried, each prints its line,
         * the errors come together at the end, and the coach hears about changed policies once.
         */
        protected void each(ObjectAction action) {
            String mode = dryRunMode();
            if (mode != null) {
                dryRun(mode);
                return;
            }
            boolean policiesChanged = false;
            List<String> errors = new ArrayList<>();
            for (HasMetadata o : objects()) {
                try {
                    policiesChanged |= action.run(o) && o instanceof NetworkPolicy;
                } catch (KubernetesClientException e) {
                    errors.add(KubectlErrors.format(e, o.getKind(), o.getMetadata().getName()));
                } catch (ObjectError e) {
                    errors.add(e.getMessage());
                }
            }
            if (policiesChanged) {
                s.policiesChanged();
            }
            if (!errors.isEmpty()) {
                throw new ShellError(String.join("\n", errors));
            }
        }
    }

    /** A failure of one object that kubectl reports without stopping at it. */
    static final class ObjectError extends RuntimeException {
        ObjectError(String message) {
            super(message);
        }
    }

    /** One object's action; true when it changed the object. */
    @FunctionalInterface
    interface ObjectAction {
        boolean run(HasMetadata o);
    }

    @Command(name = "apply", description = "Create or update objects from YAML (kubectl apply -f FILE|DIR|-).")
    public static final class Apply extends FileCommand {
        @Override
        protected void run() {
            each(o -> {
                Applier.Result r = Applier.applyOne(s.lab().client(), o);
                if (r.warning() != null) {
                    s.out().println(r.warning());
                }
                s.out().println(r.line());
                return r.action() != Applier.Action.UNCHANGED;
            });
        }
    }

    @Command(name = "create", description = "Create objects from YAML; fails for objects that exist (kubectl create -f).")
    public static final class Create extends FileCommand {
        @Override
        protected void run() {
            each(o -> {
                ResourceType t = ResourceType.parse(o.getKind().toLowerCase(java.util.Locale.ROOT));
                if (s.lab().client().resource(o).get() != null) {
                    throw new ObjectError("Error from server (AlreadyExists): error when creating \"" + file + "\": " + t.plural() + " \""
                            + o.getMetadata().getName() + "\" already exists");
                }
                s.lab().client().resource(o).create();
                s.out().println(t.singular() + "/" + o.getMetadata().getName() + " created");
                return true;
            });
        }
    }
}
