package dev.podsift.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.feed.FeedScanner;
import dev.podsift.model.Stage;
import dev.podsift.store.PodcastStore;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed storms: a feed that re-issues its episodes under new GUIDs, then dumps 40 "new" episodes at once, while a
 * quiet feed beside it publishes two. The storm feed queues only what is really new, at most the cap, and is
 * flagged; the quiet feed is untouched.
 */
@Tag("hostile")
class StormTest {
    private static final Instant DAY0 = Instant.parse("2026-10-01T06:00:00Z");

    /** One item: guid, title, audio URL and date {@code day} days after DAY0. */
    private static String item(String guid, String title, String audio, int day) {
        return "<item><title>" + title + "</title><guid>" + guid + "</guid><pubDate>"
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(DAY0.plusSeconds(86_400L * day).atOffset(ZoneOffset.UTC))
                + "</pubDate><enclosure url=\"" + audio + "\" type=\"audio/mpeg\" length=\"1\"/></item>";
    }

    private static LocalHttpServer.Route rss(String items) {
        return new LocalHttpServer.Route(200, "application/rss+xml",
                ("<rss version=\"2.0\"><channel><title>Storm</title>" + items + "</channel></rss>")
                        .getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void reissuedGuidsAreNotProcessedTwiceAndAFloodIsCappedAndFlagged(@TempDir Path dir) throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null);
             App app = new App(Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_ASR", "off",
                     "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true", "PODSIFT_MAX_NEW_EPISODES", "10")), Clock.systemUTC())) {
            StringBuilder five = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                five.append(item("old-host-" + i, "Episode " + i, "https://old.example/" + i + ".mp3", i));
            }
            server.route("/storm.xml", rss(five.toString()));
            server.route("/quiet.xml", rss(item("q0", "Quiet 0", "https://quiet.example/0.mp3", 0)));
            long storm = app.podcasts().add(server.url("/storm.xml"));
            long quiet = app.podcasts().add(server.url("/quiet.xml"));
            FeedScanner scanner = app.scanner();
            assertEquals(3, scan(app, scanner, storm).queued(), "first scan: the backlog of 3");
            scan(app, scanner, quiet);

            // the host moved: every GUID changed; two kept their audio URL, three moved it; plus one real new episode
            StringBuilder moved = new StringBuilder(item("new-host-5", "Episode 5", "https://new.example/5.mp3", 5));
            for (int i = 0; i < 5; i++) {
                String audio = i < 2 ? "https://old.example/" + i + ".mp3" : "https://new.example/" + i + ".mp3";
                moved.append(item("new-host-" + i, "  episode " + i + " ", audio, i));
            }
            server.route("/storm.xml", rss(moved.toString()));
            FeedScanner.Result second = scan(app, scanner, storm);
            assertEquals(1, second.queued(), "only the real new episode is queued");
            List<PodcastStore.Storm> storms = app.podcasts().storms(Instant.EPOCH);
            assertEquals(1, storms.size());
            assertTrue(storms.get(0).note().contains("5 episode(s) already stored came back under new GUIDs"),
                    storms.get(0).note());

            // 40 new episodes at once on the storm feed; two on the quiet one
            StringBuilder flood = new StringBuilder(moved);
            for (int i = 100; i < 140; i++) {
                flood.append(item("flood-" + i, "Flood " + i, "https://new.example/f" + i + ".mp3", i));
            }
            server.route("/storm.xml", rss(flood.toString()));
            server.route("/quiet.xml", rss(item("q0", "Quiet 0", "https://quiet.example/0.mp3", 0)
                    + item("q1", "Quiet 1", "https://quiet.example/1.mp3", 1)
                    + item("q2", "Quiet 2", "https://quiet.example/2.mp3", 2)));
            FeedScanner.Result third = scan(app, scanner, storm);
            assertEquals(10, third.queued(), "the cap");
            List<String> queued = app.episodes().inStage(storm, Stage.NEW).stream().map(StoredEpisode::title).toList();
            assertTrue(queued.contains("Flood 139") && !queued.contains("Flood 100"), "the newest are kept: " + queued);
            String note = app.podcasts().storms(Instant.EPOCH).get(0).note();
            assertTrue(note.contains("40 new episodes at once: the newest 10 were processed and 30 held back "
                    + "(PODSIFT_MAX_NEW_EPISODES)"), note);
            assertEquals(51, app.episodes().count(storm), "every episode is remembered, processed or not");

            FeedScanner.Result calm = scan(app, scanner, quiet);
            assertEquals(2, calm.queued(), "the quiet feed beside it is untouched");
            assertNull(calm.error());
            assertEquals(1, app.podcasts().storms(Instant.EPOCH).size(), "only the storm feed is flagged");
        }
    }

    private static FeedScanner.Result scan(App app, FeedScanner scanner, long id) throws Exception {
        StoredPodcast p = app.podcasts().list().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        return scanner.scan(p, null);
    }
}
