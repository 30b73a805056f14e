package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourhoodTest {
    private static final String PLAIN = "What should teams do? Ship small. It works every time. Thanks.";

    private static InsightExtractor.Candidates candidates() {
        List<Sentence> s = List.of(new Sentence("What should teams do?", 0, 21, 0, 10, "Host"),
                new Sentence("Ship small.", 22, 33, 10, 20, "Guest"),
                new Sentence("It works every time.", 34, 54, 20, 30, "Guest"),
                new Sentence("Thanks.", 55, 62, 90, 100, "Host"));
        float[][] e = {{1, 0}, {0, 1}, {0.6f, 0.8f}, {1, 0}};
        return new InsightExtractor.Candidates(s, PLAIN, e, List.of());
    }

    @Test
    void aTurnAnsweringAQuestionAndClosingTheTurn() {
        double[] f = Neighbourhood.of(candidates(), 1, 3, 100);
        // turn_start, after_question, into_turn, leans_back, turn_end, position, at_edge, speaker_share, speaker_asks
        assertArrayEquals(new double[] {1, 1, 0, 0, 1, 0.1, 0, 6 / 11.0, 0}, f, 1e-9);
    }

    @Test
    void aSentenceInsideATurnLeansOnTheOneBefore() {
        double[] f = Neighbourhood.of(candidates(), 2, 3, 100);
        assertEquals(0, f[0], "not the start of a turn");
        assertEquals(1, f[1], "the answer's second sentence still answers the question asked two sentences before");
        assertEquals(0.1, f[2], 1e-9, "one sentence into the turn");
        assertEquals(0.8, f[3], 1e-6, "likeness to the sentence before");
        assertEquals(1, f[4]);
    }

    @Test
    void aQuestionFurtherBackIsNotJustAsked() {
        List<Sentence> s = List.of(new Sentence("Why?", 0, 4, 0, 1, "Host"),
                new Sentence("One.", 5, 9, 1, 2, "Guest"), new Sentence("Two.", 10, 14, 2, 3, "Guest"),
                new Sentence("Three.", 15, 21, 3, 4, "Guest"));
        var all = new InsightExtractor.Candidates(s, "Why? One. Two. Three.", new float[][] {{1, 0}, {0, 1}, {0, 1},
                {0, 1}}, List.of());
        assertEquals(0, Neighbourhood.of(all, 3, 4, 10)[1]);
        assertEquals(0, Neighbourhood.of(all, 0, 1, 10)[1], "nothing before the first sentence");
    }

    @Test
    void theEndsOfAnEpisodeAreEdges() {
        double[] first = Neighbourhood.of(candidates(), 0, 1, 100);
        assertEquals(1, first[0]);
        assertEquals(1, first[6]);
        double[] last = Neighbourhood.of(candidates(), 3, 4, 100);
        assertEquals(0.9, last[5], 1e-9);
        assertEquals(0, last[6], "0.9 is inside the middle 90%");
        assertEquals(Neighbourhood.NAMES.size(), last.length);
        assertEquals(5 / 11.0, last[7], 1e-9, "the host's share of the words");
        assertEquals(0.5, last[8], 1e-9, "half of the host's sentences are questions");
    }
}
