package dev.podsift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Delivery;
import dev.podsift.store.Subscriber;
import dev.podsift.support.ServiceFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning across daylight-saving days (23 and 25 hours) and many zones, with an injected clock stepped every 5
 * minutes: each subscriber gets exactly one row per local date, created within one step of its due time, and the
 * due times on the odd days are the documented ones (a missing time moves later by the gap; a repeated one is
 * taken the first time).
 */
class DeliveryScheduleTest {

    private static Map<String, Long> subscribe(ServiceFixture f, String... emailTimeZone) throws Exception {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < emailTimeZone.length; i += 3) {
            Subscriber s = f.app.subscribers().signUp(emailTimeZone[i], LocalTime.parse(emailTimeZone[i + 1]),
                    ZoneId.of(emailTimeZone[i + 2]));
            f.app.subscribers().confirm(s.id());
            ids.put(emailTimeZone[i], s.id());
        }
        return ids;
    }

    /** Steps the clock from {@code from} to {@code to} every 5 minutes, planning at each step. */
    private static Map<Long, Instant> walk(ServiceFixture f, Instant from, Instant to) throws Exception {
        Map<Long, Instant> firstSeen = new LinkedHashMap<>();
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(5))) {
            f.clock.set(t);
            f.service.delivery().plan();
        }
        return firstSeen;
    }

    private static Delivery row(ServiceFixture f, long id, String date) throws Exception {
        return f.app.deliveries().find(id, LocalDate.parse(date)).orElseThrow(() -> new AssertionError("no row for " + date));
    }

    @Test
    void springForwardAndFallBackInNewYorkAndBerlin(@TempDir Path dir) throws Exception {
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-03-06T00:00:00Z"), Map.of())) {
            Map<String, Long> ids = subscribe(f,
                    "gap@ny.test", "02:30", "America/New_York",
                    "overlap@ny.test", "01:30", "America/New_York",
                    "seven@ny.test", "07:00", "America/New_York",
                    "gap@berlin.test", "02:30", "Europe/Berlin");
            walk(f, Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-03-10T00:00:00Z"));
            // 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist: 03:30 EDT = 07:30Z
            assertEquals(Instant.parse("2026-03-08T07:30:00Z"), row(f, ids.get("gap@ny.test"), "2026-03-08").dueAt());
            assertEquals(Instant.parse("2026-03-09T06:30:00Z"), row(f, ids.get("gap@ny.test"), "2026-03-09").dueAt());
            // the 23-hour day: 07:00 local on the 7th and the 8th are 23 hours apart
            Duration shortDay = Duration.between(row(f, ids.get("seven@ny.test"), "2026-03-07").dueAt(),
                    row(f, ids.get("seven@ny.test"), "2026-03-08").dueAt());
            assertEquals(Duration.ofHours(23), shortDay);

            walk(f, Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"));
            // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST: 02:30 → 03:30 CEST = 01:30Z
            assertEquals(Instant.parse("2026-03-29T01:30:00Z"), row(f, ids.get("gap@berlin.test"), "2026-03-29").dueAt());

            walk(f, Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("2026-11-03T12:00:00Z"));
            // 2026-11-01: 02:00 EDT falls back to 01:00 EST, so 01:30 happens twice: the first, 01:30 EDT = 05:30Z
            assertEquals(Instant.parse("2026-11-01T05:30:00Z"), row(f, ids.get("overlap@ny.test"), "2026-11-01").dueAt());
            assertEquals(Instant.parse("2026-11-02T06:30:00Z"), row(f, ids.get("overlap@ny.test"), "2026-11-02").dueAt());
            Duration longDay = Duration.between(row(f, ids.get("seven@ny.test"), "2026-10-31").dueAt(),
                    row(f, ids.get("seven@ny.test"), "2026-11-01").dueAt());
            assertEquals(Duration.ofHours(25), longDay);

            for (long id : ids.values()) {
                assertOneRowPerDateCreatedOnTime(f, id);
            }
        }
    }

    @Test
    void subscribersInManyZonesEachGetOneRowPerLocalDate(@TempDir Path dir) throws Exception {
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-24T00:00:00Z"), Map.of())) {
            Map<String, Long> ids = subscribe(f,
                    "kiritimati@z.test", "07:00", "Pacific/Kiritimati", // UTC+14
                    "pagopago@z.test", "07:00", "Pacific/Pago_Pago",    // UTC-11
                    "kolkata@z.test", "07:00", "Asia/Kolkata",          // UTC+5:30
                    "kathmandu@z.test", "06:45", "Asia/Katmandu",       // UTC+5:45
                    "chatham@z.test", "23:59", "Pacific/Chatham",       // UTC+13:45 in its summer
                    "london@z.test", "00:00", "Europe/London",
                    "utc@z.test", "07:00", "UTC");
            walk(f, Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"));
            for (Map.Entry<String, Long> e : ids.entrySet()) {
                List<Delivery> rows = assertOneRowPerDateCreatedOnTime(f, e.getValue());
                assertTrue(rows.size() >= 3 && rows.size() <= 5, e.getKey() + ": " + rows.size());
            }
            // the same UTC instant is a different local date east and west of the date line
            assertEquals(Instant.parse("2026-11-25T17:00:00Z"), row(f, ids.get("kiritimati@z.test"), "2026-11-26").dueAt());
            assertEquals(Instant.parse("2026-11-25T18:00:00Z"), row(f, ids.get("pagopago@z.test"), "2026-11-25").dueAt());
            assertEquals(Instant.parse("2026-11-25T01:00:00Z"), row(f, ids.get("kathmandu@z.test"), "2026-11-25").dueAt());
        }
    }

    /** No local date twice (the unique key), each row planned within one 5-minute step of its due time. */
    private static List<Delivery> assertOneRowPerDateCreatedOnTime(ServiceFixture f, long id) throws Exception {
        List<Delivery> rows = new ArrayList<>(f.app.deliveries().recent(id, 100));
        java.util.Set<LocalDate> dates = new java.util.HashSet<>();
        for (Delivery d : rows) {
            assertTrue(dates.add(d.localDate()), "two rows for " + d.localDate());
            if (d.state().equals(Delivery.SKIPPED)) {
                // days inside the gaps between the walked windows: the clock jumped, as if the service was down
                assertTrue(Duration.between(d.dueAt(), d.updatedAt()).compareTo(Duration.ofHours(12)) > 0, d.toString());
                continue;
            }
            assertEquals(Delivery.PENDING, d.state());
            assertTrue(!d.updatedAt().isBefore(d.dueAt()) && Duration.between(d.dueAt(), d.updatedAt())
                    .compareTo(Duration.ofMinutes(5)) < 0, d.localDate() + " planned at " + d.updatedAt()
                    + " for " + d.dueAt());
        }
        return rows;
    }

    @Test
    void aTimeZoneChangeNeverSendsASecondDigestWithinTwentyHours(@TempDir Path dir) throws Exception {
        // 22:00 UTC on Tuesday 1 December is 07:00 on Wednesday 2 December in Tokyo
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-12-01T22:00:00Z"), Map.of())) {
            long id = subscribe(f, "traveller@example.com", "07:00", "Asia/Tokyo").get("traveller@example.com");
            f.app.subscribers().updateSettings(id, "", LocalTime.of(7, 0), ZoneId.of("Asia/Tokyo"));
            // confirmed the day before
            f.clock.set(Instant.parse("2026-12-01T22:16:00Z"));
            f.service.delivery().plan();
            assertEquals(Delivery.PENDING, row(f, id, "2026-12-02").state());
            // sixteen minutes later the reader moves to New York, where it is Tuesday 17:16: Tuesday's 07:00 has
            // passed there, but a second digest ("Tuesday 1 December" after "Wednesday 2 December") is not sent
            f.app.subscribers().updateSettings(id, "", LocalTime.of(7, 0), ZoneId.of("America/New_York"));
            walk(f, Instant.parse("2026-12-01T22:20:00Z"), Instant.parse("2026-12-02T11:55:00Z"));
            assertTrue(f.app.deliveries().find(id, LocalDate.parse("2026-12-01")).isEmpty(), "no day behind the last");
            // Wednesday 07:00 in New York is 12:00 UTC, 14 hours after the last: still not
            walk(f, Instant.parse("2026-12-02T12:00:00Z"), Instant.parse("2026-12-02T17:55:00Z"));
            assertTrue(f.app.deliveries().find(id, LocalDate.parse("2026-12-02")).map(d -> d.dueAt())
                    .orElseThrow().equals(Instant.parse("2026-12-01T22:00:00Z")), "Wednesday is Tokyo's row");
            // Thursday 07:00 in New York (12:00 UTC) is 38 hours after: planned
            walk(f, Instant.parse("2026-12-03T11:50:00Z"), Instant.parse("2026-12-03T12:05:00Z"));
            assertEquals(Delivery.PENDING, row(f, id, "2026-12-03").state());
        }
    }
}
