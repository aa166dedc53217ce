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

        protected List<HasMetadata> objects() {
            return Manifest.read(s, file, namespace == null ? null : Names.checkNamespace(namespace), s.takeHeredoc());
        }

        /**
         * Runs one kubectl action per object, as kubectl does: every object is tried, each prints its line,
         * the errors come together at the end, and the coach hears about changed policies once.
         */
        protected void each(ObjectAction action) {
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
