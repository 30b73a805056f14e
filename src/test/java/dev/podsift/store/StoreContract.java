package dev.podsift.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.FeedEpisode;
import dev.podsift.model.Insight;
import dev.podsift.model.Segment;
import dev.podsift.model.Stage;
import dev.podsift.model.Transcript;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's behaviour, run against every database Podsift supports (SQLite and PostgreSQL). */
abstract class StoreContract {
    protected abstract Database database() throws Exception;

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-25T07:00:00Z"));

    private static FeedEpisode episode(String identity) {
        return new FeedEpisode(identity, identity, "Title " + identity, Instant.parse("2026-11-24T06:00:00Z"), 60L,
                "https://a.example/" + identity + ".mp3", "audio/mpeg", null, null, null, List.of(), null, List.of(),
                null, null, null);
    }

    private static Insight insight(String text, float axis) {
        float[] v = new float[384];
        v[(int) axis] = 1;
        return new Insight(text, text, 1.5, 9.25, 0.8, "Ann", v);
    }

    @Test
    void episodesAreInsertedOnceAndMoveThroughGuardedStages() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            EpisodeStore episodes = new EpisodeStore(db, clock);
            long p = podcasts.add("https://feeds.example/show.xml");
            assertEquals(p, podcasts.add("https://feeds.example/show.xml"), "adding twice is idempotent");
            long id = episodes.insertIfAbsent(p, episode("e1"), null, Stage.NEW).orElseThrow();
            assertTrue(episodes.insertIfAbsent(p, episode("e1"), null, Stage.NEW).isEmpty(), "second insert is a no-op");
            Transcript t = new Transcript(List.of(new Segment(0, 2.5, "Ann", "Hello there. Ünïcode ✓")));
            assertTrue(episodes.markTranscribed(id, "https://t.example/1.vtt", t));
            assertFalse(episodes.markTranscribed(id, "again", t), "NEW → TRANSCRIBED happens once");
            assertEquals(t, episodes.transcript(id).orElseThrow());
            InsightStore insights = new InsightStore(db, clock);
            assertTrue(insights.saveAnalysis(id, List.of(insight("one", 1), insight("two", 2))));
            assertFalse(insights.saveAnalysis(id, List.of(insight("three", 3))), "only a TRANSCRIBED episode is analyzed");
            List<StoredInsight> stored = insights.forEpisodes(Set.of(id));
            assertEquals(2, stored.size());
            assertEquals(1.0f, stored.get(0).insight().embedding()[1] + stored.get(0).insight().embedding()[2]);
            assertEquals("Title e1", stored.get(0).episode().episode());
            assertEquals(Stage.ANALYZED, episodes.find(id).orElseThrow().stage());
        }
    }

    @Test
    void failuresKeepTheirReasonAndDeliveriesAreRemembered() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            EpisodeStore episodes = new EpisodeStore(db, clock);
            InsightStore insights = new InsightStore(db, clock);
            long p = podcasts.add("/local/feed.xml");
            long bad = episodes.insertIfAbsent(p, episode("bad"), null, Stage.NEW).orElseThrow();
            episodes.markFailed(bad, "transcript x: HTTP 404");
            assertEquals("transcript x: HTTP 404", episodes.find(bad).orElseThrow().failureReason());
            long good = episodes.insertIfAbsent(p, episode("good"), null, Stage.NEW).orElseThrow();
            episodes.markTranscribed(good, "s", new Transcript(List.of(new Segment(0, 1, null, "x"))));
            insights.saveAnalysis(good, List.of(insight("kept", 5)));
            StoredInsight in = insights.forEpisodes(Set.of(good)).get(0);
            new DigestStore(db, clock).save("ann@example.com", "{}", List.of(in.id()));
            assertEquals(1, insights.deliveredSince("ann@example.com", Instant.parse("2026-11-01T00:00:00Z")).size());
            assertEquals(0, insights.deliveredSince("bob@example.com", Instant.parse("2026-11-01T00:00:00Z")).size());
            podcasts.recordScan(p, "Show", null, "HTTP 500");
            assertEquals("HTTP 500", podcasts.find("/local/feed.xml").orElseThrow().lastError());
            assertTrue(podcasts.remove("/local/feed.xml"));
            assertTrue(episodes.find(good).isEmpty(), "removing a feed removes its episodes");
        }
    }
}
