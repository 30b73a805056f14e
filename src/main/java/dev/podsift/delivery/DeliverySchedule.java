package dev.podsift.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a subscriber's digest for a local date is due. A time that does not exist that day (inside a spring-forward
 * gap, e.g. 02:30) moves later by the gap's length; a time that happens twice (autumn) uses its first occurrence —
 * java.time's rules for {@link ZonedDateTime#of}. So every local date has exactly one due instant.
 */
public final class DeliverySchedule {
    private DeliverySchedule() {
    }

    public static Instant due(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The subscriber's local date at {@code now}. */
    public static LocalDate today(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone);
    }
}
