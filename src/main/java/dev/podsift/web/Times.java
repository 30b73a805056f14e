package dev.podsift.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as a person reads them: in their own time zone, to the minute ("25 Nov, 07:00"). */
public final class Times {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);

    private Times() {
    }

    /** {@code t} in {@code zone}, or {@code none} when there is no moment. */
    public static String at(Instant t, ZoneId zone, String none) {
        return t == null ? none : WHEN.format(t.atZone(zone));
    }
}
