package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceMakerTest {
    /** Words 0.3 s apart, with an extra pause (seconds) before the words whose index is a key. */
    private static List<Word> words(String text, java.util.Map<Integer, Double> pauses) {
        List<Word> out = new ArrayList<>();
        double t = 1.0;
        String[] w = text.split(" ");
        for (int i = 0; i < w.length; i++) {
            t += pauses.getOrDefault(i, 0.0);
            out.add(new Word(w[i], t, t + 0.25, 0.9));
            t += 0.3;
        }
        return out;
    }

    @Test
    void longPausesEndSentencesWhichGetCapitalsAndStops() {
        List<Segment> s = new SentenceMaker().sentences(words("i think the key is small releases what do you think",
                java.util.Map.of(7, 1.0)));
        assertEquals(2, s.size(), s.toString());
        assertEquals("I think the key is small releases.", s.get(0).text());
        assertEquals("What do you think?", s.get(1).text());
        assertEquals(1.0, s.get(0).start(), 1e-9);
        assertEquals(s.get(0).start() + 6 * 0.3 + 0.25, s.get(0).end(), 1e-9);
    }

    @Test
    void aShortPauseEndsOnlyALongEnoughSentence() {
        List<Segment> s = new SentenceMaker().sentences(words(
                "we measured it and i'm sure now that restoring service fast matters more than anything else we did",
                java.util.Map.of(3, 0.4, 12, 0.4)));
        assertEquals(2, s.size(), s.toString());
        assertTrue(s.get(0).text().startsWith("We measured it and I'm sure"), s.get(0).text());
    }

    @Test
    void openersAfterABreathStartANewSentence() {
        List<Segment> s = new SentenceMaker().sentences(words(
                "the first release took a whole month to get out the door but the second one took a day",
                java.util.Map.of(12, 0.2)));
        assertEquals(List.of("The first release took a whole month to get out the door.",
                "But the second one took a day."), s.stream().map(Segment::text).toList());
    }

    @Test
    void runOnSpeechIsCutAtTheWordLimit() {
        List<Segment> s = new SentenceMaker().sentences(words("word ".repeat(100).trim(), java.util.Map.of()));
        assertTrue(s.stream().allMatch(x -> x.text().split(" ").length <= SentenceMaker.MAX_WORDS), s.toString());
        assertEquals(100, s.stream().mapToInt(x -> x.text().split(" ").length).sum());
    }
}
