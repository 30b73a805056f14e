package dev.podsift.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.StoredVote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A reader's taste: nothing without votes (the digest is exactly the unmoved one), bounded however many votes agree,
 * learned from topic votes, limited by the reasons, explained in words, and never past the per-show cap.
 */
class TasteTest {
    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    private final DigestBuilder builder = new DigestBuilder(RankingPolicy.defaults());

    /** A unit vector partly along {@code axis} (a topic), partly along an axis of its own (so no two merge). */
    private static float[] topic(int axis, long own) {
        float[] v = new float[600];
        v[axis] = 0.6f;
        v[(int) (8 + own % 590)] = 0.8f;
        return v;
    }

    private static StoredInsight insight(long id, long show, double score, String text, float[] v) {
        EpisodeRef ref = new EpisodeRef(id, "Show " + show, "Episode " + id, null, null);
        return new StoredInsight(id, ref, show, new Insight(text, text, 10 * id, 10 * id + 5, score, null, v));
    }

    private static StoredVote vote(StoredInsight i, int vote, String reason) {
        return new StoredVote(1, i.id(), i.podcastId(), i.episode().podcast(), i.insight().text(),
                i.insight().embedding(), i.insight().score(), vote, reason, NOW.minusSeconds(3600));
    }

    /** Candidates on topics 0–3 from four shows, quality falling with the id. */
    private static List<StoredInsight> day(long from) {
        List<StoredInsight> out = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            int axis = k % 4;
            out.add(insight(from + k, 1 + k % 4, 0.6 - k * 0.01, "Pricing lesson " + k + " about topic " + axis,
                    topic(axis, from + k)));
        }
        return out;
    }

    @Test
    void noVotesMovesNothing() {
        List<StoredInsight> day = day(1);
        List<DigestItem> before = builder.build(day, List.of(), null, 5);
        List<DigestItem> after = builder.build(day, List.of(), null, Taste.of(List.of(), NOW), 5);
        assertEquals(before, after);
        for (DigestItem i : after) {
            assertEquals(0, i.preference());
        }
    }

    @Test
    void votesOnATopicPullItUpWithinTheBoundAndSayWhy() {
        List<StoredVote> votes = new ArrayList<>();
        for (StoredInsight i : day(100)) {
            // likes topic 2, dislikes the rest
            votes.add(vote(i, i.insight().embedding()[2] > 0.5 ? 1 : -1, null));
        }
        Taste taste = Taste.of(votes, NOW);
        List<DigestItem> picks = builder.build(day(1), List.of(), null, taste, 5);
        long onTopic = picks.stream().filter(i -> i.insight().insight().embedding()[2] > 0.5).count();
        long unmoved = builder.build(day(1), List.of(), null, 5).stream()
                .filter(i -> i.insight().insight().embedding()[2] > 0.5).count();
        assertTrue(onTopic > unmoved, onTopic + " on the liked topic, " + unmoved + " without votes");
        Set<Long> shows = new HashSet<>();
        for (DigestItem i : picks) {
            assertTrue(Math.abs(i.preference()) <= Taste.WEIGHT, "bounded: " + i.preference());
            shows.add(i.insight().podcastId());
        }
        assertTrue(shows.size() >= 2, "the per-show cap still holds: " + shows);
        DigestItem liked = picks.stream().filter(i -> i.preference() > 0.01).findFirst().orElseThrow();
        assertNotNull(liked.why());
        assertTrue(liked.why().startsWith("You liked "), liked.why());
    }

    @Test
    void manyAgreeingVotesStayWithinTheBound() {
        List<StoredVote> votes = new ArrayList<>();
        StoredInsight liked = day(1).get(0);
        StoredInsight disliked = day(1).get(1);
        for (int k = 0; k < 400; k++) {
            votes.add(vote(insight(1000 + k, 1, 0.5, liked.insight().text(), liked.insight().embedding()), 1, null));
            votes.add(vote(insight(2000 + k, 2, 0.5, disliked.insight().text(), disliked.insight().embedding()), -1,
                    null));
        }
        Taste taste = Taste.of(votes, NOW);
        double up = taste.at(1, liked.insight().embedding(), liked.insight().text()).value();
        double down = taste.at(2, disliked.insight().embedding(), disliked.insight().text()).value();
        assertTrue(up > 0 && up <= Taste.WEIGHT, "bounded: " + up);
        assertTrue(down < 0 && down >= -Taste.WEIGHT, "bounded: " + down);
    }

    @Test
    void aKindTheReaderTurnsDownIsNotHeldAgainstTheirTopic() {
        // likes topic 2 but not stories: the stories on topic 2 get 👎s, its other picks 👍s, the other topics 👎s
        List<StoredVote> votes = new ArrayList<>();
        for (StoredInsight i : day(100)) {
            votes.add(vote(i, i.insight().embedding()[2] > 0.5 ? 1 : -1, null));
        }
        for (int k = 0; k < 8; k++) {
            votes.add(vote(insight(300 + k, 3, 0.5, "I remember when we started, we had no customers " + k,
                    topic(2, 300 + k)), -1, null));
        }
        Taste taste = Taste.of(votes, NOW);
        double onTopic = taste.at(3, topic(2, 999), "Pricing lesson about topic 2").value();
        double storyOnTopic = taste.at(3, topic(2, 998), "I remember when we started pricing").value();
        double offTopic = taste.at(3, topic(1, 997), "Pricing lesson about topic 1").value();
        assertTrue(onTopic > 0, "more 👎s than 👍s on the topic, all explained by the kind: " + onTopic);
        assertTrue(storyOnTopic < onTopic, "a story on it: " + storyOnTopic + ", another kind: " + onTopic);
        assertTrue(offTopic < onTopic, "off the topic: " + offTopic + ", on it: " + onTopic);
    }

    @Test
    void writtenTopicsStartTheTopicBeforeVotesSayMuch() {
        // two votes, neither on topic 1 or 3; the reader wrote topics near topic 1
        List<StoredVote> votes = List.of(vote(day(100).get(0), 1, null), vote(day(100).get(2), -1, null));
        float[] written = topic(1, 500);
        Taste withTopics = Taste.of(votes, written, NOW, v -> v);
        Taste without = Taste.of(votes, null, NOW, v -> v);
        double near = withTopics.at(9, topic(1, 998), "Pricing lesson about topic 1").value();
        double far = withTopics.at(9, topic(3, 997), "Pricing lesson about topic 3").value();
        assertTrue(near > far, "near what they wrote: " + near + ", elsewhere: " + far);
        assertEquals(without.at(9, topic(1, 998), "Pricing lesson about topic 1").value(),
                without.at(9, topic(3, 997), "Pricing lesson about topic 3").value(), 1e-9,
                "without written topics the two are alike");
        assertEquals(0, Taste.of(List.of(), written, NOW, v -> v).at(9, topic(1, 998), "x").value(),
                "no votes: no preference, written topics or not (they act through the relevance term)");
    }

    @Test
    void aReasonLimitsWhatAVoteTeaches() {
        StoredInsight a = day(1).get(0);
        // "not my topic" speaks of the topic, "too obvious" of the kind only: the same 👎s with the second reason
        // leave the topic alone
        List<StoredVote> topic = new ArrayList<>();
        List<StoredVote> obvious = new ArrayList<>();
        for (StoredInsight i : day(100)) {
            boolean same = i.insight().embedding()[0] > 0.5;
            topic.add(vote(i, same ? -1 : 1, same ? "topic" : null));
            obvious.add(vote(i, same ? -1 : 1, same ? "obvious" : null));
        }
        double byTopic = Taste.of(topic, NOW).at(9, a.insight().embedding(), a.insight().text()).value();
        double byObvious = Taste.of(obvious, NOW).at(9, a.insight().embedding(), a.insight().text()).value();
        assertTrue(byTopic < byObvious, "not my topic: " + byTopic + ", too obvious: " + byObvious);
        assertTrue(byTopic < 0, "fewer of that topic: " + byTopic);
    }
}
