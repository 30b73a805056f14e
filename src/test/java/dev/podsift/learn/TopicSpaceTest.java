package dev.podsift.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The topic space of the bundled verdict base: a unit place along the main directions, then a share in each topic;
 * the same base gives the same space; passages that are alike share their main topic, on held-back passages too.
 */
class TopicSpaceTest {
    private static final List<VerdictBase.Row> ROWS = VerdictBase.bundled();

    @Test
    void aPlaceThenSharesThatSumToOne() {
        TopicSpace space = TopicSpace.of(ROWS);
        float[] v = space.apply(ROWS.get(0).embedding());
        assertEquals(TopicSpace.DIRECTIONS + TopicSpace.TOPICS, v.length);
        double norm = 0;
        double shares = 0;
        for (int d = 0; d < v.length; d++) {
            if (d < TopicSpace.DIRECTIONS) {
                norm += v[d] * v[d];
            } else {
                assertTrue(v[d] >= 0);
                shares += v[d];
            }
        }
        assertEquals(1, norm, 1e-4);
        assertEquals(1, shares, 1e-4);
        assertArrayEquals(v, TopicSpace.of(ROWS).apply(ROWS.get(0).embedding()), "the same base, the same space");
    }

    @Test
    void nearestHeldBackNeighboursShareTheirMainTopicAndNoTopicIsEmpty() {
        TopicSpace space = TopicSpace.of(ROWS);
        List<VerdictBase.Row> heldBack = ROWS.stream().filter(VerdictBase.Row::heldBack).toList();
        int[] main = new int[heldBack.size()];
        int[] count = new int[TopicSpace.TOPICS];
        for (int i = 0; i < main.length; i++) {
            main[i] = mainTopic(space.apply(heldBack.get(i).embedding()));
            count[main[i]]++;
        }
        int same = 0;
        for (int i = 0; i < main.length; i++) {
            int nearest = -1;
            double best = -2;
            for (int j = 0; j < main.length; j++) {
                double s = dot(heldBack.get(i).embedding(), heldBack.get(j).embedding());
                if (j != i && s > best) {
                    best = s;
                    nearest = j;
                }
            }
            same += main[nearest] == main[i] ? 1 : 0;
        }
        // one in twelve by chance
        assertTrue(same > 0.4 * main.length, same + " of " + main.length + " share their nearest's main topic");
        List<Integer> small = new ArrayList<>();
        for (int c = 0; c < count.length; c++) {
            if (count[c] < 0.01 * main.length) {
                small.add(c);
            }
        }
        assertTrue(small.isEmpty(), "topics main to almost no held-back passage: " + small);
    }

    @Test
    void groupingRecentInsightsAddsAShareInEachOfTheirGroupsOnlyWhenThereAreEnough() {
        TopicSpace space = TopicSpace.of(ROWS);
        List<float[]> recent = ROWS.stream().filter(VerdictBase.Row::heldBack).limit(200)
                .map(VerdictBase.Row::embedding).toList();
        float[] v = recent.get(0);
        assertArrayEquals(space.apply(v), TopicSpace.groupedBy(space, recent.subList(0, 4 * TopicSpace.TOPICS - 1))
                .apply(v), "too few to group: the space as it was");
        float[] grouped = TopicSpace.groupedBy(space, recent).apply(v);
        float[] plain = space.apply(v);
        assertEquals(plain.length + TopicSpace.TOPICS, grouped.length);
        assertArrayEquals(plain, java.util.Arrays.copyOf(grouped, plain.length), "the space's own place comes first");
        double shares = 0;
        double most = 0;
        for (int d = plain.length; d < grouped.length; d++) {
            shares += grouped[d];
            most = Math.max(most, grouped[d]);
        }
        assertEquals(1, shares, 1e-4);
        // a grouped insight belongs mostly to one group, not evenly to all twelve
        assertTrue(most > 0.5, "largest share " + most);
    }

    private static int mainTopic(float[] v) {
        int best = TopicSpace.DIRECTIONS;
        for (int d = TopicSpace.DIRECTIONS; d < v.length; d++) {
            best = v[d] > v[best] ? d : best;
        }
        return best - TopicSpace.DIRECTIONS;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
