package dev.podsift.bench;

import dev.podsift.app.App;
import dev.podsift.app.Progress;
import dev.podsift.config.Config;
import dev.podsift.delivery.DeliveryService;
import dev.podsift.service.Service;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The morning rush, run in its own JVM by {@link BenchmarksTest}: the demo shows are read and analysed, then the
 * given number of subscribers (all due at the same minute, half with topics) get their digest built, recorded and
 * handed to the SMTP server on 127.0.0.1:PORT. Prints one line of timings.
 * Arguments: data directory, SMTP port, number of subscribers, demo feed paths...
 */
public final class DeliveryBench {
    private static final String[] TOPICS = {"incident reviews", "hiring engineers", "fine-tuning small models",
        "code review", "evaluation on real data", "pricing", "deploying small batches", "remote teams"};

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        Map<String, String> env = Map.of("PODSIFT_DATA", data.toString(), "PODSIFT_SMTP_HOST", "127.0.0.1",
                "PODSIFT_SMTP_PORT", String.valueOf(port), "PODSIFT_BASE_URL", "http://podsift.test",
                "PODSIFT_ASR", "off");
        try (App app = new App(Config.from(env), Clock.systemUTC());
             Service service = new Service(app, new PrintStream(java.io.OutputStream.nullOutputStream()))) {
            List<StoredPodcast> shows = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                app.podcasts().add(args[i]);
            }
            shows.addAll(app.podcasts().list());
            app.pipeline(new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false, app.clock()))
                    .run(shows, null, null);
            long t0 = System.nanoTime();
            // everyone is due now: a delivery time a minute ago in their zone
            for (int i = 0; i < count; i++) {
                ZoneId zone = ZoneId.of(i % 3 == 0 ? "Europe/Berlin" : i % 3 == 1 ? "America/New_York" : "Asia/Tokyo");
                LocalTime time = LocalTime.now(zone).minusMinutes(1).withSecond(0).withNano(0);
                Subscriber s = app.subscribers().signUp("reader" + i + "@example.com", time, zone);
                app.database().atomically(() -> {
                    app.subscribers().confirm(s.id());
                    for (StoredPodcast p : shows) {
                        app.subscribers().follow(s.id(), p.id());
                    }
                    return null;
                });
                if (i % 2 == 0) {
                    app.subscribers().updateSettings(s.id(), TOPICS[i % TOPICS.length] + " " + (i % 97), time, zone);
                }
            }
            // confirmation time is "now": backdate it so today's time (a minute ago) counts
            app.database().inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE subscribers SET confirmed_at = confirmed_at - 86400000"));
            double setup = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            DeliveryService.Report r = service.delivery().tick();
            double secs = (System.nanoTime() - t1) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "RESULT setup=%.1f deliver=%.1f planned=%d outcomes=%s%n", setup,
                    secs, r.planned(), r.outcomes());
        }
    }
}
