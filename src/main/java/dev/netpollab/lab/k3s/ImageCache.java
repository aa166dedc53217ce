package dev.netpollab.lab.k3s;

import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
     * Makes sure every image has a tar: pull (if the host lacks it) and {@code docker save --platform} the daemon's platform.
     * The first image that cannot be fetched stops the boot with docker's reason: when the host cannot
     * reach a registry, k3s inside it cannot either, and waiting for calico-node would only hide that.
     *
     * @return the tars, one per image
     */
    public static List<Path> ensure(List<String> images, LabProgress progress) {
        List<Path> ready = new ArrayList<>();
        int n = 0;
        for (Entry e : status(images)) {
            if (!e.cached()) {
                progress.step("caching images (" + e.image() + ")", n, images.size());
                DockerCli.ensureImage(e.image());
                try {
                    Files.createDirectories(dir());
                    Path tmp = e.tar().resolveSibling(e.tar().getFileName() + ".part");
                    // --platform: with Docker's containerd image store a plain save references other platforms and the import fails.
                    DockerCli.Result saved = DockerCli.run(Duration.ofMinutes(10), "save", "--platform", DockerCli.platform(), "-o", tmp.toString(), e.image());
                    if (!saved.ok()) {
                        // Docker before 27 has no --platform on save; its classic store holds one platform anyway.
                        saved = DockerCli.run(Duration.ofMinutes(10), "save", "-o", tmp.toString(), e.image());
                    }
                    if (!saved.ok()) {
                        Files.deleteIfExists(tmp);
                        throw new LabException("could not save " + e.image() + " to " + e.tar() + ": " + saved.reason());
                    }
                    Files.move(tmp, e.tar(), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ex) {
                    throw new LabException("could not cache " + e.image() + " in " + dir() + ": " + ex.getMessage(), ex);
                }
            }
            ready.add(e.tar());
            progress.step("caching images", ++n, images.size());
        }
        return ready;
    }
}
