package dev.netpollab.shell.kubectl;

import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Manifests;
import dev.netpollab.scenario.YamlProblem;
import dev.netpollab.shell.Session;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads {@code -f FILE|DIR|-} for apply, create and delete, with kubectl's namespace rules. */
public final class Manifest {
    private Manifest() {
    }

    /**
     * @param heredoc the terminator for {@code -f -}, e.g. EOF
     * @throws ShellError listing every problem, located; nothing is applied then
     */
    static List<HasMetadata> read(Session s, String file, String namespaceFlag, String heredoc) {
        List<KubeYaml.KubeObject> objects = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>();
        if ("-".equals(file)) {
            String term = heredoc == null ? "EOF" : heredoc;
            s.out().println(s.colors().dim("Paste the YAML, then a line with " + term + "."));
            s.out().flush();
            String text = s.readUntil(term);
            if (text == null) {
                throw new ShellError("nothing read");
            }
            KubeYaml.Result r = KubeYaml.readAll("<stdin>", text);
            objects.addAll(r.objects());
            problems.addAll(r.problems());
        } else {
            Path p = Path.of(expandHome(file));
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> w = Files.list(p)) {
                    w.filter(Files::isRegularFile).filter(f -> Manifests.isYaml(f) || f.toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new ShellError("error: cannot read " + file + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new ShellError("error: the path \"" + file + "\" does not exist");
            }
            for (Path f : files) {
                KubeYaml.Result r = KubeYaml.readAll(f);
                objects.addAll(r.objects());
                problems.addAll(r.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ShellError(String.join("\n", problems.stream().map(pr -> "error: " + pr).toList()));
        }
        List<HasMetadata> out = new ArrayList<>();
        for (KubeYaml.KubeObject ko : objects) {
            HasMetadata o = ko.object();
            if (!(o instanceof NetworkPolicy || o instanceof Pod || o instanceof Service || o instanceof Namespace)) {
                throw new ShellError("error: " + ko.file() + ":" + ko.line() + ": this lab takes Namespaces, Pods, Services and NetworkPolicies, not "
                        + o.getKind());
            }
            if (!(o instanceof Namespace)) {
                String own = o.getMetadata().getNamespace();
                String flag = namespaceFlag;
                if (own != null && flag != null && !own.equals(flag)) {
                    throw new ShellError("error: the namespace from the provided object \"" + own + "\" does not match the namespace \"" + flag
                            + "\". You must pass '--namespace=" + own + "' to perform this operation.");
                }
                if (own == null) {
                    o.getMetadata().setNamespace(flag != null ? flag : s.defaultNamespace());
                }
            }
            out.add(o);
        }
        return out;
    }

    /** {@code ~} and {@code ~/…} as bash expands them, for every file a shell command names. */
    public static String expandHome(String path) {
        return path.equals("~") || path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
