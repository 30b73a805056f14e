package dev.podsift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Delivery;
import dev.podsift.store.Subscriber;
import dev.podsift.support.ScriptedSmtpServer;
import dev.podsift.support.ServiceFixture;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one digest per subscriber and local date, through a real SMTP server (GreenMail), with the demo shows
 * served over HTTP and a clock the test moves: the local minute, crashes at each point of a send, downtime, 4xx
 * and 5xx answers.
 */
class DeliveryTest {
    private static final Instant START = Instant.parse("2026-11-24T20:00:00Z");

    /** Signs up, confirms and follows the three demo shows, then reads and analyses them. */
    static Subscriber subscriber(ServiceFixture f, String email, String time, String zone) throws Exception {
        Subscriber s = f.app.subscribers().signUp(email, LocalTime.parse(time), ZoneId.of(zone));
        f.app.subscribers().confirm(s.id());
        for (String feed : List.of("shipping-software.xml", "founder-hours.xml", "data-bench.xml")) {
            f.app.subscribers().follow(s.id(), f.app.podcasts().add(f.feed(feed)));
        }
        return f.app.subscribers().find(s.id()).orElseThrow();
    }

    static ServiceFixture analysed(Path dir, Map<String, String> env, String... subscribers) throws Exception {
        ServiceFixture f = new ServiceFixture(dir, START, env);
        for (int i = 0; i + 2 < subscribers.length + 1; i += 3) {
            subscriber(f, subscribers[i], subscribers[i + 1], subscribers[i + 2]);
        }
        f.service.refresh();
        return f;
    }

    @Test
    void oneEmailAtTheSubscribersLocalMinuteWithHeadersAndBothParts(@TempDir Path dir) throws Exception {
        try (ServiceFixture f = analysed(dir, Map.of(), "ada@example.com", "07:00", "Europe/Berlin")) {
            long id = f.app.subscribers().findByEmail("ada@example.com").orElseThrow().id();
            f.clock.set(Instant.parse("2026-11-25T05:59:00Z")); // 06:59 in Berlin
            f.service.deliver();
            assertEquals(0, f.smtp.getReceivedMessages().length, "nothing before 07:00 local");

            f.clock.set(Instant.parse("2026-11-25T06:00:00Z")); // 07:00 in Berlin
            f.service.deliver();
            MimeMessage[] got = f.smtp.getReceivedMessages();
            assertEquals(1, got.length);
            assertTrue(f.log.toString().contains("2026-11-25T06:00:00Z deliver: subscriber " + id + ", 2026-11-25: sent"),
                    "the log says when, for whom and what: " + f.log);
            MimeMessage m = got[0];
            assertEquals("<digest.2026-11-25." + id + "@podsift.test>", m.getMessageID());
            assertEquals("ada@example.com", m.getAllRecipients()[0].toString());
            assertTrue(m.getSubject().startsWith("Your top 5 insights · Wednesday 25 November"), m.getSubject());
            String unsubscribe = m.getHeader("List-Unsubscribe")[0];
            assertTrue(unsubscribe.startsWith("<http://podsift.test/unsubscribe?t="), unsubscribe);
            assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post")[0]);
            Multipart parts = (Multipart) m.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertTrue(text.contains("#t="), "a link that opens the audio at the second: " + text);
            assertTrue(text.contains("http://podsift.test/vote?t="), text);
            assertTrue(html.contains("prefers-color-scheme: dark") && html.contains("👍 Useful"), html);
            assertTrue(!html.contains("<img"), "readable with images off: no images at all");
            // kept for a look (target/screenshots/digest-email.html: open it in a browser, light and dark)
            java.nio.file.Files.createDirectories(Path.of("target/screenshots"));
            java.nio.file.Files.writeString(Path.of("target/screenshots/digest-email.html"), html);
            java.nio.file.Files.writeString(Path.of("target/screenshots/digest-email.txt"), text);

            f.clock.set(Instant.parse("2026-11-25T06:01:00Z"));
            f.service.deliver();
            f.clock.set(Instant.parse("2026-11-25T22:00:00Z"));
            f.service.deliver();
            assertEquals(1, f.smtp.getReceivedMessages().length, "the same day is never sent twice");

            f.clock.set(Instant.parse("2026-11-26T06:00:00Z"));
            f.service.deliver();
            Delivery second = f.app.deliveries().find(id, LocalDate.parse("2026-11-26")).orElseThrow();
            assertTrue(Set.of(Delivery.SENT, Delivery.EMPTY).contains(second.state()), second.state());
            int sent = second.state().equals(Delivery.SENT) ? 2 : 1;
            assertEquals(sent, f.smtp.getReceivedMessages().length);
            if (sent == 2) {
                assertEquals("<digest.2026-11-26." + id + "@podsift.test>", f.smtp.getReceivedMessages()[1].getMessageID());
            }
        }
    }

    @Test
    void eachDigestSaysWhatTheHeroModelSpentOnIt(@TempDir Path dir) throws Exception {
        // a hero model that cannot be reached (requests only recorded): the email still goes out, and the log
        // has one line for this subscriber's day with the calls and tokens spent
        try (ServiceFixture f = analysed(dir, Map.of("PODSIFT_LLM_RECORD_DIR", dir.resolve("hero").toString()),
                "ada@example.com", "07:00", "Europe/Berlin")) {
            long id = f.app.subscribers().findByEmail("ada@example.com").orElseThrow().id();
            f.clock.set(Instant.parse("2026-11-25T06:00:00Z"));
            f.service.deliver();
            assertEquals(1, f.smtp.getReceivedMessages().length);
            String log = f.log.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(log.matches("(?s).*digest of subscriber " + id + " for 2026-11-25: hero [1-9][0-9]* call\\(s\\), "
                    + "0 cached, [0-9]+\\+[0-9]+ tokens.*"), log);
        }
    }

    /** Thrown at a checkpoint: the process "dies" there (nothing after it runs). */
    private static final class Crash extends Error {
        Crash(String point) {
            super("crash at " + point);
        }
    }

    @Test
    void aCrashAtAnyPointOfASendNeitherSkipsNorDoublesTheDay(@TempDir Path dir) throws Exception {
        try (ServiceFixture f = analysed(dir, Map.of(),
                "claimed@example.com", "07:00", "UTC",
                "started@example.com", "08:00", "UTC",
                "accepted@example.com", "09:00", "UTC")) {
            String[][] cases = {{"claimed@example.com", "claimed", "07:00"}, {"started@example.com", "smtp-started", "08:00"},
                    {"accepted@example.com", "smtp-done", "09:00"}};
            for (String[] c : cases) {
                f.clock.set(Instant.parse("2026-11-25T" + c[2] + ":00Z"));
                f.service.delivery().checkpoint(point -> {
                    if (point.equals(c[1])) {
                        throw new Crash(point);
                    }
                });
                assertThrows(Crash.class, () -> f.service.deliver(), c[1]);
                f.service.delivery().checkpoint(point -> { });
                long id = f.app.subscribers().findByEmail(c[0]).orElseThrow().id();
                assertEquals(Delivery.SENDING, f.app.deliveries().find(id, LocalDate.parse("2026-11-25")).orElseThrow().state());
                // a restarted worker leaves a fresh claim alone, and takes it back once its lease is over: the
                // deliver budget (10 min) and PODSIFT_TASK_DEAD_MINUTES (2), so the day's email is at most minutes late
                f.clock.advance(Duration.ofMinutes(10));
                f.service.deliver();
                assertEquals(Delivery.SENDING, f.app.deliveries().find(id, LocalDate.parse("2026-11-25")).orElseThrow().state());
                f.clock.advance(Duration.ofMinutes(3));
                f.service.deliver();
                Delivery d = f.app.deliveries().find(id, LocalDate.parse("2026-11-25")).orElseThrow();
                assertEquals(Delivery.SENT, d.state(), c[1] + ": " + d.error());
                assertEquals(2, d.attempts());
            }
            Map<String, List<String>> ids = new java.util.HashMap<>();
            for (MimeMessage m : f.smtp.getReceivedMessages()) {
                ids.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new ArrayList<>()).add(m.getMessageID());
            }
            // died before the mail server heard of it: one email
            assertEquals(1, ids.get("claimed@example.com").size());
            assertEquals(1, ids.get("started@example.com").size());
            // died after the server accepted it: the only case with a second copy, and it carries the same Message-ID
            List<String> twice = ids.get("accepted@example.com");
            assertEquals(2, twice.size());
            assertEquals(1, new HashSet<>(twice).size(), "a resend is the same message: " + twice);
            // every sent copy of one day has that day's id; no day has two different messages
            Set<String> distinct = new HashSet<>();
            for (List<String> l : ids.values()) {
                distinct.addAll(l);
            }
            assertEquals(3, distinct.size());
        }
    }

    @Test
    void afterDowntimeRecentDaysAreCaughtUpAndOldOnesSkipped(@TempDir Path dir) throws Exception {
        try (ServiceFixture f = analysed(dir, Map.of(), "late@example.com", "07:00", "UTC")) {
            long id = f.app.subscribers().findByEmail("late@example.com").orElseThrow().id();
            f.clock.set(Instant.parse("2026-11-25T06:00:00Z"));
            f.service.deliver();
            // down until 11 h after the 25th's time: still sent (cut-off 12 h)
            f.clock.set(Instant.parse("2026-11-25T18:00:00Z"));
            f.service.deliver();
            assertEquals(Delivery.SENT, f.app.deliveries().find(id, LocalDate.parse("2026-11-25")).orElseThrow().state());
            // down again for two days: the 26th (26 h late) is skipped with its reason, the 27th goes out
            f.clock.set(Instant.parse("2026-11-27T09:00:00Z"));
            f.service.deliver();
            Delivery skipped = f.app.deliveries().find(id, LocalDate.parse("2026-11-26")).orElseThrow();
            assertEquals(Delivery.SKIPPED, skipped.state());
            assertTrue(skipped.error().contains("12 h"), skipped.error());
            Delivery latest = f.app.deliveries().find(id, LocalDate.parse("2026-11-27")).orElseThrow();
            assertTrue(Set.of(Delivery.SENT, Delivery.EMPTY).contains(latest.state()), latest.state());
            long sentRows = f.app.deliveries().recent(id, 10).stream().filter(d -> d.state().equals(Delivery.SENT)).count();
            assertEquals(sentRows, f.smtp.getReceivedMessages().length);
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedAndAPermanentOneIsABounce(@TempDir Path dir) throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             ServiceFixture f = analysed(dir, Map.of("PODSIFT_SMTP_PORT", String.valueOf(smtp.port())),
                     "retry@example.com", "07:00", "UTC", "gone@example.com", "08:00", "UTC")) {
            long retry = f.app.subscribers().findByEmail("retry@example.com").orElseThrow().id();
            long gone = f.app.subscribers().findByEmail("gone@example.com").orElseThrow().id();
            smtp.dataReplies.add("451 4.3.0 Mailbox temporarily unavailable");
            f.clock.set(Instant.parse("2026-11-25T07:00:00Z"));
            f.service.deliver();
            Delivery d = f.app.deliveries().find(retry, LocalDate.parse("2026-11-25")).orElseThrow();
            assertEquals(Delivery.PENDING, d.state());
            assertTrue(d.error().contains("451"), d.error());
            assertEquals(Instant.parse("2026-11-25T07:05:00Z"), d.nextAttemptAt(), "first retry after 5 minutes");
            assertEquals(0, smtp.accepted.size());
            f.clock.set(Instant.parse("2026-11-25T07:03:00Z"));
            f.service.deliver();
            assertEquals(0, smtp.accepted.size(), "not before its time");
            smtp.dataReplies.add("452 4.3.1 Insufficient system storage");
            f.clock.set(Instant.parse("2026-11-25T07:05:00Z"));
            f.service.deliver();
            d = f.app.deliveries().find(retry, LocalDate.parse("2026-11-25")).orElseThrow();
            assertEquals(Instant.parse("2026-11-25T07:15:00Z"), d.nextAttemptAt(), "second retry after 10 more minutes");
            assertTrue(d.error().startsWith("attempt 2 deferred"), d.error());
            f.clock.set(Instant.parse("2026-11-25T07:15:00Z"));
            f.service.deliver();
            assertEquals(1, smtp.accepted.size());
            d = f.app.deliveries().find(retry, LocalDate.parse("2026-11-25")).orElseThrow();
            assertEquals(Delivery.SENT, d.state());
            String body = smtp.accepted.get(0);
            assertTrue(body.contains("Message-ID: <digest.2026-11-25." + retry + "@podsift.test>"), body);

            smtp.rcptReplies.add("550 5.1.1 <gone@example.com>: no such user");
            f.clock.set(Instant.parse("2026-11-25T08:00:00Z"));
            f.service.deliver();
            Delivery bounced = f.app.deliveries().find(gone, LocalDate.parse("2026-11-25")).orElseThrow();
            assertEquals(Delivery.FAILED, bounced.state());
            assertTrue(bounced.error().startsWith("bounced:") && bounced.error().contains("550"), bounced.error());
            assertEquals(Subscriber.BOUNCED, f.app.subscribers().find(gone).orElseThrow().status());
            f.clock.set(Instant.parse("2026-11-26T08:00:00Z"));
            f.service.deliver();
            assertTrue(f.app.deliveries().find(gone, LocalDate.parse("2026-11-26")).isEmpty(), "a bounced address gets no more days");
            Delivery next = f.app.deliveries().find(retry, LocalDate.parse("2026-11-26")).orElseThrow();
            assertEquals(next.state().equals(Delivery.SENT) ? 2 : 1, smtp.accepted.size(),
                    "only the other subscriber's next day went out");
            for (String m : smtp.accepted) {
                assertTrue(!m.contains("gone@example.com"), "nothing was accepted for the bounced address");
            }
        }
    }
}
