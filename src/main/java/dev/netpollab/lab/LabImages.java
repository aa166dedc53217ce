package dev.netpollab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Pinned image references, kept as data in {@code cluster/images.properties}. */
public final class LabImages {
    private static final Properties IMAGES = new Properties();

    static {
        try (InputStream in = LabImages.class.getResourceAsStream("/cluster/images.properties")) {
            if (in != null) {
                IMAGES.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LabImages() {
    }

    public static String get(String key) {
        String v = IMAGES.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("cluster/images.properties has no '" + key + "'");
        }
        return v;
    }

    /** The agnhost image every world pod runs. */
    public static String probe() {
        return get("probe");
    }
}
