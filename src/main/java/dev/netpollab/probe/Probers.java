package dev.netpollab.probe;

import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.Lab;

import java.util.Optional;

/** The prober a lab calls for: real curl where pods can be exec'd, the engine otherwise. */
public final class Probers {
    private Probers() {
    }

    public static Prober of(Lab lab) {
        return lab.podExec().<Prober>map(exec -> new CurlProber(exec, lab.rejectsDenied(), Optional.of(Diagnostics.of(lab))))
                .orElseGet(ModelProber::new);
    }
}
