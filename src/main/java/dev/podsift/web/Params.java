package dev.podsift.web;

import io.javalin.http.HttpStatus;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;

/** Request values read strictly: a bad one is a {@link Refused} with a message the person can act on. */
final class Params {
    private Params() {
    }

    static LocalTime time(String value) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip()).withSecond(0).withNano(0);
        } catch (DateTimeException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "Give the delivery time as HH:MM, e.g. 07:00.");
        }
    }

    static ZoneId zone(String value) {
        try {
            return ZoneId.of(value == null || value.isBlank() ? "UTC" : value.strip());
        } catch (DateTimeException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "Unknown time zone: " + value);
        }
    }

    static long longParam(String v) {
        try {
            return Long.parseLong(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "Bad request.");
        }
    }
}
