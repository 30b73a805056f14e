package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When two passages of one episode are one idea. */
class SameIdeaTest {
    @Test
    void passagesStartingWithinFortySecondsOfAPodcastAreOneThread() {
        double hour = SameIdea.threadSeconds(3600);
        assertEquals(40, hour);
        assertTrue(SameIdea.inOneEpisode(0.1, 30, hour), "30 s apart in an hour-long episode, however unalike");
        assertFalse(SameIdea.inOneEpisode(0.1, 60, hour));
    }

    @Test
    void aShortShowOfQuickTipsKeepsItsTips() {
        assertFalse(SameIdea.inOneEpisode(0.1, 20, SameIdea.threadSeconds(300)), "a tip every 20 s of a 5-minute show");
        assertFalse(SameIdea.inOneEpisode(0.1, 5, SameIdea.threadSeconds(60)), "a one-minute clip has no thread rule");
        assertFalse(SameIdea.inOneEpisode(0.1, 5, 0), "length unknown: likeness decides");
    }

    @Test
    void likenessCountsMoreWhenPassagesAreClose() {
        assertTrue(SameIdea.inOneEpisode(0.5, 160, 40));
        assertFalse(SameIdea.inOneEpisode(0.5, 1900, 40));
        assertTrue(SameIdea.inOneEpisode(0.6, 1900, 40));
    }
}
