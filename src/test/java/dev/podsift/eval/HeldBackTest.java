package dev.podsift.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBackTest {
    @Test
    void theNameRuleAgreesWithTheToolsThatChoseTheEpisodes() {
        // make_items.py marked these held back (sha1 of the slug starts 0-3) and these not
        for (String s : List.of("anuj-rathi", "boz", "casey-winters", "eric-ries")) {
            assertTrue(HeldBack.byName("teacher/lenny/transcripts/" + s + ".md"), s);
        }
        for (String s : List.of("adam-fishman", "ami-vora", "brian-tolkin")) {
            assertFalse(HeldBack.byName("teacher/lenny/transcripts/" + s + ".md"), s);
        }
        assertFalse(HeldBack.byName("transcripts/talkpython/530-anywidget.vtt"), "the extension is not part of the name");
    }

    @Test
    void episodesTheLabelsHoldOutStayHeldBack() {
        EvalEpisode holdout = new EvalEpisode("x", "s", "transcripts/talkpython/530-anywidget.vtt", "holdout", null,
                List.of(), List.of());
        EvalEpisode tune = new EvalEpisode("y", "s", "teacher/lenny/transcripts/ami-vora.md", "tune", null, List.of(),
                List.of());
        HeldBack rule = HeldBack.of(List.of(holdout, tune));
        assertTrue(rule.test("transcripts/talkpython/530-anywidget.vtt"));
        assertFalse(rule.test("teacher/lenny/transcripts/ami-vora.md"));
        assertTrue(rule.test("teacher/lenny/transcripts/boz.md"));
    }
}
