package dev.netpollab.scenario;

import java.util.Locale;

public enum Difficulty {
    EASY, MEDIUM, HARD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
