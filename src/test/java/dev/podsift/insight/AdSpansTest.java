package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.transcript.TranscriptParser;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdSpansTest {
    private static List<Sentence> sentences(String text) {
        return new SentenceSplitter().split(new Transcript(List.of(new Segment(0, 60, "Host", text)))).sentences();
    }

    @Test
    void aSponsorReadIsAnAdUntilItsCallToAction() {
        List<Sentence> s = sentences("Testing in production is risky. This episode is brought to you by Acme Deploy. "
                + "Deploys fail when you least expect it. This is where Acme is a game changer. Learn more at acme.dev/pod. "
                + "Back to the show: always keep a rollback ready.");
        boolean[] ad = AdSpans.of(s);
        assertFalse(ad[0]);
        assertTrue(ad[1] && ad[2] && ad[3] && ad[4], java.util.Arrays.toString(ad));
        assertFalse(ad[5]);
    }

    @Test
    void talkPythonSponsorReadsNeverReachTheTopTen() throws Exception {
        Transcript t = new TranscriptParser().parse(Files.readString(
                Corpus.file("transcripts/talkpython/545-owasp-top-10-transcript-final.txt")), "x.txt");
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            for (var in : new InsightExtractor(embedder).extract(t, 10)) {
                assertFalse(in.quote().contains("Temporal"), in.quote());
                assertFalse(in.quote().contains("talkpython.fm/"), in.quote());
            }
        }
    }
}
