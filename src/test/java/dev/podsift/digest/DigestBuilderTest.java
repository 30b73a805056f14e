package dev.podsift.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranking rules on hand-made vectors: merging, novelty, diversity. */
class DigestBuilderTest {
    private final DigestBuilder builder = new DigestBuilder(RankingPolicy.defaults());

    private static float[] unit(int axis, double tilt) {
        float[] v = new float[8];
        v[axis] = 1;
        v[(axis + 1) % 8] = (float) tilt;
        return dev.podsift.insight.Vectors.normalise(v);
    }

    private static StoredInsight insight(long id, long show, long episode, double score, float[] v) {
        EpisodeRef ref = new EpisodeRef(episode, "Show " + show, "Episode " + episode, null, null);
        return new StoredInsight(id, ref, show, new Insight("text " + id, "quote " + id, 10, 20, score, null, v));
    }

    @Test
    void sameIdeaOnTwoShowsMergesAndRanksHigher() {
        List<StoredInsight> c = List.of(
                insight(1, 1, 11, 0.80, unit(0, 0)),
                insight(2, 2, 21, 0.78, unit(0, 0.1)),   // same idea as 1, other show
                insight(3, 3, 31, 0.85, unit(2, 0)));
        List<DigestItem> top = builder.build(c, List.of(), null, 5);
        assertEquals(2, top.size());
        assertEquals(1, top.get(0).insight().id(), "consensus lifts the merged idea above a slightly better single one");
        assertEquals(2, top.get(0).alsoIn().get(0).id());
        assertTrue(top.get(0).consensus() > 0);
    }

    @Test
    void deliveredIdeasAndTheirNearDuplicatesAreNotRepeated() {
        StoredInsight old = insight(9, 1, 1, 0.9, unit(4, 0));
        List<StoredInsight> c = List.of(insight(1, 2, 2, 0.9, unit(4, 0.05)), insight(2, 3, 3, 0.5, unit(6, 0)));
        List<DigestItem> top = builder.build(c, List.of(old), null, 5);
        assertEquals(1, top.size());
        assertEquals(2, top.get(0).insight().id());
    }

    @Test
    void noveltyShowsHowFarAnItemIsFromWhatWasSentAndReachesTheJson() {
        StoredInsight old = insight(9, 1, 1, 0.9, unit(4, 0));
        float[] near = unit(4, 0.9); // like the old one, but under the repeat threshold
        List<DigestItem> top = builder.build(List.of(insight(1, 2, 2, 0.9, near), insight(2, 3, 3, 0.8, unit(1, 0))),
                List.of(old), null, 5);
        DigestItem similar = top.stream().filter(d -> d.insight().id() == 1).findFirst().orElseThrow();
        DigestItem unrelated = top.stream().filter(d -> d.insight().id() == 2).findFirst().orElseThrow();
        double likeness = dev.podsift.insight.Vectors.dot(near, unit(4, 0));
        assertEquals(1 - likeness, similar.novelty(), 1e-6);
        assertTrue(similar.novelty() > 0 && similar.novelty() < 0.5, "close to something sent: " + similar.novelty());
        assertEquals(1.0, unrelated.novelty(), 1e-6);
        String json = new DigestRenderer().render(top, java.time.Instant.EPOCH, DigestRenderer.Format.JSON);
        assertTrue(json.contains("\"novelty\"") && json.contains("\"quality\"") && json.contains("\"consensus\""),
                json);
    }

    @Test
    void atMostTwoPerShowWhenOtherShowsHaveCandidates() {
        List<StoredInsight> c = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            c.add(insight(i, 1, 100 + i, 0.9 - i * 0.01, unit(i % 8, 0)));
        }
        c.add(insight(10, 2, 200, 0.5, unit(6, 0.3)));
        c.add(insight(11, 3, 300, 0.4, unit(7, 0.3)));
        List<DigestItem> top = builder.build(c, List.of(), null, 4);
        long fromShow1 = top.stream().filter(d -> d.insight().podcastId() == 1).count();
        assertEquals(2, fromShow1);
        assertEquals(4, top.size());
    }

    @Test
    void topicsPullMatchingInsightsUp() {
        List<StoredInsight> c = List.of(insight(1, 1, 1, 0.80, unit(0, 0)), insight(2, 2, 2, 0.75, unit(3, 0)));
        assertEquals(1, builder.build(c, List.of(), null, 1).get(0).insight().id());
        assertEquals(2, builder.build(c, List.of(), unit(3, 0), 1).get(0).insight().id());
    }

    private static StoredInsight at(long id, long show, long episode, double score, float[] v, double start) {
        EpisodeRef ref = new EpisodeRef(episode, "Show " + show, "Episode " + episode, null, null);
        return new StoredInsight(id, ref, show, new Insight("text " + id, "quote " + id, start, start + 10, score,
                null, v));
    }

    @Test
    void oneEntryPerOtherEpisodeEachWithItsTimeAndTheCountMatches() {
        List<StoredInsight> c = List.of(
                at(1, 1, 11, 0.90, unit(0, 0), 100),
                at(2, 2, 21, 0.80, unit(0, 0.05), 200),   // same idea, show 2, episode 21
                at(3, 2, 21, 0.70, unit(0, 0.10), 900),   // and again in episode 21: not a second entry
                at(4, 2, 22, 0.60, unit(0, 0.15), 3725),  // another episode of show 2
                at(5, 3, 31, 0.50, unit(0, 0.20), 60));
        List<DigestItem> top = builder.build(c, List.of(), null, 5);
        assertEquals(1, top.size(), "one idea, one item");
        DigestItem item = top.get(0);
        assertEquals(List.of(2L, 4L, 5L), item.alsoIn().stream().map(StoredInsight::id).toList());
        assertEquals("Also in 3 other episodes: Show 2: Episode 21 at 3:20, Episode 22 at 1:02:05; "
                + "Show 3: Episode 31 at 1:00", AlsoIn.line(item));
        for (DigestRenderer.Format f : DigestRenderer.Format.values()) {
            String out = new DigestRenderer().render(top, java.time.Instant.EPOCH, f);
            if (f == DigestRenderer.Format.JSON) {
                assertEquals(3, out.split("\"start_seconds\"").length - 2, "three also_in entries and the item");
            } else {
                assertTrue(out.contains("Also in 3 other episodes"), f + ": " + out);
                assertTrue(out.contains("1:02:05"), f + " gives each entry's time: " + out);
                assertEquals(1, out.split("Show 2", -1).length - 1, f + " names a show once: " + out);
            }
        }
    }

    @Test
    void otherEpisodesOfTheSameShowAreSaidSo() {
        List<StoredInsight> c = List.of(at(1, 1, 11, 0.9, unit(0, 0), 10), at(2, 1, 12, 0.8, unit(0, 0.05), 70));
        assertEquals("Also in 1 other episode of this show: Episode 12 at 1:10",
                AlsoIn.line(builder.build(c, List.of(), null, 5).get(0)));
    }

    @Test
    void aRestatementInTheSameEpisodeIsOneIdea() {
        // 0.5 alike: the same point a minute later, but a different point half an hour later
        float[] a = unit(0, 0);
        float[] b = dev.podsift.insight.Vectors.normalise(new float[] {0.5f, 0.866f, 0, 0, 0, 0, 0, 0});
        assertEquals(0.5, dev.podsift.insight.Vectors.dot(a, b), 1e-3);
        List<DigestItem> near = builder.build(List.of(at(1, 1, 11, 0.9, a, 100), at(2, 1, 11, 0.8, b, 160),
                at(3, 2, 21, 0.5, unit(4, 0), 0)), List.of(), null, 5);
        assertEquals(List.of(1L, 3L), near.stream().map(d -> d.insight().id()).toList());
        assertTrue(near.get(0).alsoIn().isEmpty(), "a restatement is dropped, not listed as elsewhere");
        List<DigestItem> far = builder.build(List.of(at(1, 1, 11, 0.9, a, 100), at(2, 1, 11, 0.8, b, 1900)),
                List.of(), null, 5);
        assertEquals(2, far.size());
    }
}
