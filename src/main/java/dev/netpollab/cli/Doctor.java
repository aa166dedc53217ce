package dev.netpollab.cli;

import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.k3s.CalicoManifest;
import dev.netpollab.lab.k3s.ClusterData;
import dev.netpollab.lab.k3s.DockerEnvironment;
import dev.netpollab.lab.k3s.ImageCache;
import dev.netpollab.lab.k3s.K3sLab;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What this machine can do for netpol-lab, each finding with a fix. */
final class Doctor {
    static final long MIN_FREE_BYTES = 4L << 30;

    /**
     * The facts, gathered once (or given by a test).
     *
     * @param dockerProblem     empty when Docker answers
     * @param privileged        whether Docker runs privileged containers; null when Docker is not reachable
     * @param missingHostImages images the host's Docker runs itself (k3s, Testcontainers' helpers) that it lacks; null when not checked
     * @param kubectl           the kubectl binary, if any
     * @param missingImages     preload images without a cached tar
     * @param calicoCached      the pinned Calico manifest is in the cache with the right checksum
     */
    record Facts(Runtime.Version java, Optional<String> dockerProblem, DockerEnvironment.Privileged privileged, List<String> missingHostImages, Optional<String> kubectl,
                 List<String> missingImages, int images, boolean calicoCached, long freeBytes, String home) {
        static Facts gather() {
            Optional<String> docker = DockerEnvironment.unavailableReason();
            DockerEnvironment.Privileged privileged = docker.isPresent() ? null : DockerEnvironment.privileged();
            List<String> missingHost = docker.isPresent() ? null : DockerEnvironment.missingImages(K3sLab.hostImages());
            List<String> images = new ArrayList<>(ClusterData.preloadImages());
            List<String> missing = ImageCache.status(images).stream().filter(e -> !e.cached()).map(ImageCache.Entry::image).toList();
            var pin = ClusterData.calico();
            boolean calico = false;
            try {
                var f = CalicoManifest.cacheFile(pin);
                calico = Files.exists(f) && CalicoManifest.sha256(Files.readString(f)).equals(pin.sha256());
            } catch (Exception e) {
                calico = false;
            }
            File home = AppHome.dir().toFile();
            File probe = home.exists() ? home : home.getAbsoluteFile().getParentFile();
            long free = probe == null ? -1 : probe.getUsableSpace();
            return new Facts(Runtime.version(), docker, privileged, missingHost, dev.netpollab.shell.Kubectl.find().map(Object::toString), missing,
                    images.size(), calico, free, AppHome.dir().toString());
        }
    }

    private Doctor() {
    }

    static List<String> report(Facts f) {
        List<String> out = new ArrayList<>();
        boolean javaOk = f.java().feature() >= 17;
        out.add(mark(javaOk) + " Java " + f.java() + (javaOk ? "" : " — netpol-lab needs Java 17 or newer"));
        if (!javaOk) {
            out.add("    fix: install a JDK 17+ and put it first on PATH (or set JAVA_HOME)");
        }
        out.add(mark(f.dockerProblem().isEmpty()) + " Docker: " + f.dockerProblem().orElse("reachable"));
        if (f.dockerProblem().isPresent()) {
            out.add("    fix: install Docker and start the daemon (e.g. apt-get install -y docker.io && dockerd &); until then the embedded lab is used");
        }
        if (f.privileged() == null) {
            out.add("- privileged containers: not checked (Docker is not reachable)");
            out.add("- images in Docker: not checked (Docker is not reachable)");
        } else {
            out.add(mark(f.privileged().ok()) + " privileged containers: " + f.privileged().detail());
            if (!f.privileged().ok()) {
                out.add("    fix: run Docker rootful on the host itself (k3s runs privileged), or use --lab cluster with an existing cluster");
            }
            out.add(mark(f.missingHostImages().isEmpty()) + " images in Docker: " + (f.missingHostImages().isEmpty() ? "k3s and Testcontainers' helpers present"
                    : "missing " + String.join(", ", f.missingHostImages())));
            if (!f.missingHostImages().isEmpty()) {
                out.add("    fix: they are pulled on first start; offline, `docker save` them on a connected machine and `docker load` them here");
            }
        }
        out.add(mark(f.kubectl().isPresent()) + " kubectl: " + f.kubectl().orElse("not installed"));
        if (f.kubectl().isEmpty()) {
            out.add("    fix: install kubectl to use the real one on the k3s and cluster labs; the shell's built-ins work without it");
        }
        out.add(mark(f.missingImages().isEmpty()) + " cached images: " + (f.images() - f.missingImages().size()) + "/" + f.images()
                + (f.missingImages().isEmpty() ? "" : " (missing: " + String.join(", ", f.missingImages()) + ")"));
        if (!f.missingImages().isEmpty()) {
            out.add("    fix: start the k3s lab once on a machine that can pull images (they are saved to " + ImageCache.dir()
                    + "), or `docker load` them there first");
        }
        out.add(mark(f.calicoCached()) + " Calico manifest " + ClusterData.calico().version() + ": " + (f.calicoCached() ? "cached and verified" : "not cached"));
        if (!f.calicoCached()) {
            out.add("    fix: it is downloaded on first use; offline, pass --calico-manifest FILE (see `netpol-lab calico-manifest`)");
        }
        boolean disk = f.freeBytes() < 0 || f.freeBytes() >= MIN_FREE_BYTES;
        out.add(mark(disk) + " free disk at " + f.home() + ": " + (f.freeBytes() < 0 ? "unknown" : (f.freeBytes() >> 30) + " GiB"));
        if (!disk) {
            out.add("    fix: the k3s lab needs about 4 GiB for images and the cluster; free some space");
        }
        out.add("");
        boolean k3s = javaOk && f.dockerProblem().isEmpty() && (f.privileged() == null || f.privileged().ok());
        out.add(k3s ? "The k3s lab can run here" + (f.missingImages().isEmpty() && f.missingHostImages() != null && f.missingHostImages().isEmpty() ? "."
                : " (images will be pulled on first start).")
                : "The embedded lab runs here (probes computed by the policy engine); the k3s lab needs the fixes above.");
        return out;
    }

    private static String mark(boolean ok) {
        return ok ? "✓" : "✗";
    }
}
