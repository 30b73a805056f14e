package dev.podsift.bench;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.feed.FeedPoller;
import dev.podsift.feed.FeedScanner;
import dev.podsift.store.StoredPodcast;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code serve}'s feed polling, run in its own JVM by {@link BenchmarksTest} (so its peak memory is measured
 * alone): follows the given number of feeds at {@code http://127.0.0.N:PORT/f/I} and polls them all twice (a first
 * follow, then a steady-state pass), printing one line of timings.
 * Arguments: data directory, port, number of feeds, number of loopback hosts.
 */
public final class PollBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int feeds = Integer.parseInt(args[2]);
        int hosts = Integer.parseInt(args[3]);
        Map<String, String> env = Map.of("PODSIFT_DATA", data.toString(), "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true",
                "PODSIFT_HTTP_TIMEOUT_SECONDS", "10", "PODSIFT_HTTP_DEADLINE_SECONDS", "20");
        try (App app = new App(Config.from(env), Clock.systemUTC())) {
            List<StoredPodcast> podcasts = new ArrayList<>();
            for (int i = 0; i < feeds; i++) {
                String url = "http://127.0.0." + (1 + i % hosts) + ":" + port + "/f/" + i;
                long id = app.podcasts().add(url);
                podcasts.add(new StoredPodcast(id, url, null, null, null, null));
            }
            var s = app.config().service();
            StringBuilder out = new StringBuilder("RESULT");
            for (int pass = 1; pass <= 2; pass++) {
                long t0 = System.nanoTime();
                List<FeedScanner.Result> results = new FeedPoller(app.scanner(), s.pollThreads(), s.pollPerHost())
                        .scanAll(podcasts, null, r -> { });
                double secs = (System.nanoTime() - t0) / 1e9;
                int errors = 0;
                int queued = 0;
                for (FeedScanner.Result r : results) {
                    errors += r.error() == null ? 0 : 1;
                    queued += r.queued();
                }
                out.append(String.format(java.util.Locale.ROOT, " pass%d=%.1f errors%d=%d queued%d=%d", pass, secs,
                        pass, errors, pass, queued));
            }
            int episodes = 0;
            for (var e : app.episodes().countByStage().values()) {
                episodes += e;
            }
            System.out.println(out + " episodes=" + episodes);
        }
    }
}
