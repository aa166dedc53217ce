package dev.netpollab.lab.k3s;

import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.LabProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Images for the disposable clusters, pulled once into the host's Docker and saved as tars in
 * {@code ~/.netpol-lab/cache/images/}; each new cluster imports them from there at start (k3s reads
 * {@code /var/lib/rancher/k3s/agent/images/}), so nothing is downloaded again.
 */
public final class ImageCache {
    public record Entry(String image, Path tar, boolean cached) {
    }

    private ImageCache() {
    }

    public static Path dir() {
        return AppHome.resolve("cache", "images");
    }

    /** {@code quay.io/calico/node:v3.31.6} → {@code quay.io_calico_node_v3.31.6.tar}. */
    public static Path tarFor(String image) {
        return dir().resolve(image.replaceAll("[/:@]", "_") + ".tar");
    }

    public static List<Entry> status(List<String> images) {
        List<Entry> out = new ArrayList<>();
        for (String i : images) {
            Path t = tarFor(i);
            out.add(new Entry(i, t, Files.isRegularFile(t)));
        }
        return out;
    }

    /**
     * Makes sure every image has a tar: pull (if the host lacks it) and {@code docker save --platform linux/amd64}.
     * Images that cannot be fetched are reported and left to k3s, which pulls what it can.
     *
     * @return the tars that exist afterwards
     */
    public static List<Path> ensure(List<String> images, LabProgress progress) {
        List<Path> ready = new ArrayList<>();
        int n = 0;
        for (Entry e : status(images)) {
            n++;
            if (!e.cached()) {
                progress.step("pulling images (" + e.image() + ")", n - 1, images.size());
                try {
                    Files.createDirectories(dir());
                    if (run(120, "docker", "image", "inspect", e.image()) != 0 && run(600, "docker", "pull", "--platform", "linux/amd64", e.image()) != 0) {
                        progress.step("could not pull " + e.image() + "; k3s will try itself", n, images.size());
                        continue;
                    }
                    Path tmp = e.tar().resolveSibling(e.tar().getFileName() + ".part");
                    // --platform: with Docker's containerd image store a plain save references other platforms and the import fails.
                    if (run(600, "docker", "save", "--platform", "linux/amd64", "-o", tmp.toString(), e.image()) != 0
                            && run(600, "docker", "save", "-o", tmp.toString(), e.image()) != 0) {
                        Files.deleteIfExists(tmp);
                        progress.step("could not save " + e.image(), n, images.size());
                        continue;
                    }
                    Files.move(tmp, e.tar());
                } catch (IOException ex) {
                    progress.step("could not cache " + e.image() + ": " + ex.getMessage(), n, images.size());
                    continue;
                }
            }
            ready.add(e.tar());
            progress.step("pulling images", n, images.size());
        }
        return ready;
    }

    private static int run(int seconds, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }
}
