package dev.podsift.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The labelled set is well-formed: every label is verbatim in its transcript, splits and shows as the issue asks. */
class EvalSetTest {
    @Test
    void everyLabelIsFoundVerbatimAndTheSetIsBigEnough() throws Exception {
        List<EvalEpisode> set = EvalSet.load(Path.of("eval"));
        assertTrue(set.size() >= 12, set.size() + " episodes");
        Set<String> shows = new HashSet<>();
        Set<String> splits = new HashSet<>();
        for (EvalEpisode ep : set) {
            shows.add(ep.show().replaceAll(" \\(.*", ""));
            splits.add(ep.split());
            Path file = Corpus.root().resolve(ep.transcript());
            String plain = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString()).plainText();
            for (EvalEpisode.Label l : ep.insights()) {
                assertTrue(plain.contains(l.quote().replaceAll("\\s+", " ").trim()), ep.id() + ": " + l.quote());
            }
            for (EvalEpisode.Label l : ep.nonInsights()) {
                assertTrue(plain.contains(l.quote().replaceAll("\\s+", " ").trim()), ep.id() + ": " + l.quote());
            }
        }
        assertTrue(shows.size() >= 4, "shows: " + shows);
        assertEquals(Set.of("tune", "holdout"), splits);
    }

    @Test
    void evaluatorCountsOverlapsAndVerbatimQuotes() throws Exception {
        EvalEpisode ep = EvalSet.load(Path.of("eval")).stream().filter(e -> e.id().equals("buzzsprout-10-things"))
                .findFirst().orElseThrow();
        Path file = Corpus.root().resolve(ep.transcript());
        Transcript t = new TranscriptParser().parse(Files.readString(file), "x.srt");
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            Evaluator.Result r = new Evaluator(new InsightExtractor(embedder)).evaluate(ep, t);
            assertEquals(10, r.labels());
            assertEquals(1.0, r.verbatimShare());
            assertTrue(r.precisionAt5() >= 0.2, "at least one tip in the top 5: " + r.precisionAt5());
            assertTrue(r.missingLabels().isEmpty());
        }
    }
}
