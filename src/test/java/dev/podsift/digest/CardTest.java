package dev.podsift.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.insight.SpokenTextCleaner;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A card says its text once: the quote appears only when it says more than the text in other ways than fillers. */
class CardTest {
    private static final String QUOTE = "So, um, when you're experimenting, you know, you have to look at the the "
            + "opposing metrics. But overall, the biggest impact is on retention.";

    private static DigestItem item(String text, String quote) {
        EpisodeRef ref = new EpisodeRef(1, "Show", "Episode", null, null);
        Insight in = new Insight(text, quote, 10, 20, 0.9, null, new float[] {1});
        return new DigestItem(1, new StoredInsight(1, ref, 1, in), List.of(), 0.9, 0.9, 0, 0);
    }

    @Test
    void aQuoteThatDiffersOnlyInFillersIsNotShownAgain() {
        String cleaned = new SpokenTextCleaner().clean(QUOTE);
        assertFalse(Card.showsQuote(cleaned, QUOTE), cleaned);
        assertFalse(Card.showsQuote("When you're experimenting you have to look at the opposing metrics. But overall "
                + "the biggest impact is on retention", cleaned), "punctuation and case are not a difference");
        assertTrue(Card.showsQuote("Judge experiments by opposing metrics; retention is where the impact is.", QUOTE),
                "a rewrite shows what was said");
        assertFalse(Card.showsQuote("Anything", null));
    }

    @Test
    void everyFormatSaysTheWordsOnce() {
        String cleaned = new SpokenTextCleaner().clean(QUOTE);
        for (DigestRenderer.Format f : DigestRenderer.Format.values()) {
            String out = new DigestRenderer().render(List.of(item(cleaned, QUOTE)), Instant.EPOCH, f);
            assertEquals(1, out.split("opposing metrics", -1).length - 1 - (f == DigestRenderer.Format.JSON ? 1 : 0),
                    f + " repeats the passage: " + out);
            assertFalse(out.contains("As said"), f + ": " + out);
        }
        String rewritten = new DigestRenderer().render(List.of(item("Judge experiments by their counter-metrics.",
                QUOTE)), Instant.EPOCH, DigestRenderer.Format.TEXT);
        assertTrue(rewritten.contains("As said: “" + QUOTE + "”"), rewritten);
    }
}
