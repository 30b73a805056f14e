package dev.podsift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.app.App;
import dev.podsift.app.Progress;
import dev.podsift.config.Config;
import dev.podsift.store.Delivery;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import dev.podsift.support.ScriptedSmtpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real worker process in the middle of a morning's deliveries, at a random moment, then a
 * restart after the lease: every subscriber has that day's email, every copy of one subscriber's day carries the
 * same Message-ID, and at most the one message in flight at the kill arrived twice.
 */
class KillTest {
    private static final int SUBSCRIBERS = 150;

    @Test
    void killDashNineMidDeliveryNeitherSkipsNorDoubles(@TempDir Path dir) throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            prepare(dir);
            Random random = new Random(Long.getLong("podsift.killSeed", System.nanoTime()));
            for (int round = 0; round < 3 && smtp.acceptedCount.get() < SUBSCRIBERS; round++) {
                Process worker = start(dir, smtp.port(), 31L * round);
                BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("READY", out.readLine());
                // kill while it is sending: after a random number of further messages, plus a random few ms
                int target = smtp.acceptedCount.get() + 1 + random.nextInt(30);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (smtp.acceptedCount.get() < target && worker.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(15));
                worker.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                worker.waitFor();
                System.out.println("KillTest: killed the worker after " + smtp.acceptedCount.get()
                        + " message(s) accepted");
            }
            // a restart well after the lease (12 min): takes back what the dead workers held, finishes the day
            Process last = start(dir, smtp.port(), 200);
            String all = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, last.waitFor(), all);
            assertTrue(all.contains("DONE"), all);

            Map<String, List<String>> byRecipient = new HashMap<>();
            Pattern to = Pattern.compile("(?m)^To: (\\S+)");
            Pattern id = Pattern.compile("(?m)^Message-ID: (\\S+)");
            for (String m : smtp.accepted) {
                Matcher t = to.matcher(m);
                Matcher i = id.matcher(m);
                assertTrue(t.find() && i.find(), m);
                byRecipient.computeIfAbsent(t.group(1), k -> new ArrayList<>()).add(i.group(1));
            }
            assertEquals(SUBSCRIBERS, byRecipient.size(), "no subscriber skipped: " + byRecipient.keySet());
            int extra = 0;
            for (Map.Entry<String, List<String>> e : byRecipient.entrySet()) {
                assertEquals(1, new HashSet<>(e.getValue()).size(), "one message per day: " + e);
                extra += e.getValue().size() - 1;
            }
            assertTrue(extra <= 3, "at most the message in flight at each of the 3 kills arrived twice: " + extra);
            try (App app = new App(config(dir, 0), Clock.systemUTC())) {
                for (Subscriber s : app.subscribers().all()) {
                    LocalDate today = LocalDate.now(s.zone());
                    Delivery d = app.deliveries().find(s.id(), today).orElseThrow();
                    assertEquals(Delivery.SENT, d.state(), s.email());
                }
            }
        }
    }

    private static Config config(Path dir, int smtpPort) {
        return Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_SMTP_PORT", String.valueOf(Math.max(smtpPort, 1)),
                "PODSIFT_ASR", "off"));
    }

    /** Subscribers due a minute ago (confirmed yesterday), following the analysed demo shows. */
    private static void prepare(Path dir) throws Exception {
        try (App app = new App(config(dir, 0), Clock.systemUTC())) {
            for (String show : List.of("shipping-software.xml", "founder-hours.xml", "data-bench.xml")) {
                app.podcasts().add(Path.of("src/main/resources/demo", show).toAbsolutePath().toString());
            }
            List<StoredPodcast> shows = app.podcasts().list();
            app.pipeline(new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false, app.clock()))
                    .run(shows, null, null);
            ZoneId zone = ZoneId.of("UTC");
            LocalTime due = LocalTime.now(zone).minusMinutes(1).withSecond(0).withNano(0);
            if (LocalTime.now(zone).isBefore(LocalTime.of(0, 2))) {
                Thread.sleep(120_000); // just after midnight "a minute ago" is yesterday: wait it out
                due = LocalTime.now(zone).minusMinutes(1).withSecond(0).withNano(0);
            }
            for (int i = 0; i < SUBSCRIBERS; i++) {
                Subscriber s = app.subscribers().signUp("r" + i + "@example.com", due, zone);
                app.subscribers().confirm(s.id());
                for (StoredPodcast p : shows) {
                    app.subscribers().follow(s.id(), p.id());
                }
            }
            app.database().inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE subscribers SET confirmed_at = confirmed_at - 86400000"));
        }
    }

    private static Process start(Path dir, int smtpPort, long offsetMinutes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                DeliveryWorkerMain.class.getName(), dir.toString(), String.valueOf(smtpPort),
                String.valueOf(offsetMinutes)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
