package dev.podsift.model;

import java.util.Locale;

/** How a second in the audio is written for people: 75.9 → "1:15", 3725.4 → "1:02:05". */
public final class Clock {
    private Clock() {
    }

    public static String of(double seconds) {
        long s = Math.round(Math.floor(Math.max(0, seconds)));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
