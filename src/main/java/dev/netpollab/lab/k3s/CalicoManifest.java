package dev.netpollab.lab.k3s;

import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.YamlProblem;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Calico's {@code calico.yaml}: from {@code --calico-manifest FILE}, else from the cache
 * ({@code ~/.netpol-lab/cache/}), else downloaded once; always checked against the pinned sha256.
 * The project never ships the manifest.
 */
public final class CalicoManifest {
    /** The text, where it came from, and its checksum. */
    public record Source(String text, String origin, String sha256) {
    }

    private CalicoManifest() {
    }

    public static Path cacheFile(ClusterData.CalicoPin pin) {
        return AppHome.resolve("cache", "calico-" + pin.version() + ".yaml");
    }

    /**
     * @param from an explicit file (offline machines); its checksum must be one of the known pins
     */
    public static Source load(Optional<Path> from, ClusterData.CalicoPin pin, java.util.function.Consumer<String> progress) {
        if (from.isPresent()) {
            String text = read(from.get());
            String sha = sha256(text);
            boolean known = sha.equals(pin.sha256()) || pin.otherPins().containsValue(sha);
            if (!known) {
                throw new LabException(from.get() + " has sha256 " + sha + ", which is not a pinned Calico manifest (" + pin.version()
                        + ": " + pin.sha256() + "; also accepted: " + pin.otherPins() + ")");
            }
            return new Source(text, from.get().toString(), sha);
        }
        Path cache = cacheFile(pin);
        if (Files.exists(cache)) {
            String text = read(cache);
            String sha = sha256(text);
            if (sha.equals(pin.sha256())) {
                return new Source(text, cache.toString(), sha);
            }
            progress.accept("the cached Calico manifest " + cache + " has the wrong checksum; downloading it again");
        }
        progress.accept("downloading the Calico " + pin.version() + " manifest from " + pin.url());
        String text = download(pin.url());
        String sha = sha256(text);
        if (!sha.equals(pin.sha256())) {
            throw new LabException("the downloaded Calico manifest has sha256 " + sha + ", expected " + pin.sha256()
                    + " (cluster/calico.properties); refusing to install it");
        }
        try {
            AppHome.writeAtomically(cache, text);
        } catch (IOException e) {
            progress.accept("note: could not cache the manifest in " + cache + ": " + e.getMessage());
        }
        return new Source(text, pin.url(), sha);
    }

    /** The manifest's objects. */
    public static List<HasMetadata> objects(Source s) {
        KubeYaml.Result r = KubeYaml.readAll(s.origin(), s.text());
        if (!r.problems().isEmpty()) {
            throw new LabException("the Calico manifest " + s.origin() + " cannot be read: "
                    + r.problems().stream().limit(3).map(YamlProblem::toString).collect(Collectors.joining("; ")));
        }
        List<HasMetadata> out = new ArrayList<>();
        r.objects().forEach(o -> out.add(o.object()));
        return out;
    }

    /** Loads, patches and returns the objects the k3s lab applies, with the list of changes. */
    public record Patched(List<HasMetadata> objects, List<String> changes, Source source) {
        public String yaml() {
            return objects.stream().map(KubeYaml::toYaml).collect(Collectors.joining("---\n"));
        }
    }

    public static Patched patched(Source s, Map<String, String> vars) {
        List<HasMetadata> objects = objects(s);
        List<String> changes = CalicoPatcher.apply(objects, ClusterData.calicoPatches(), vars);
        return new Patched(objects, changes, s);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String download(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new LabException("downloading " + url + " answered HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new LabException("the Calico manifest could not be downloaded from " + url + " (" + e.getMessage()
                    + "); on an offline machine pass --calico-manifest FILE", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while downloading the Calico manifest", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
