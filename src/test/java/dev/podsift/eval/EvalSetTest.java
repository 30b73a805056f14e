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

/** The labelled set is well-formed: every label is verbatim in its transcript, splits and shows as eval/README.md describes. */
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

    @Test
    void everyJudgedPassageIsVerbatimAndTakesItsVerdictWhenPickedAgain() throws Exception {
        var judged = JudgedSet.load(Path.of("eval"));
        assertTrue(judged.size() >= 12, judged.size() + " judged episodes");
        for (var e : judged.entrySet()) {
            Path file = Corpus.root().resolve(e.getKey());
            String plain = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString()).plainText();
            for (JudgedSet.Passage p : e.getValue()) {
                assertTrue(plain.contains(p.quote().replaceAll("\\s+", " ").trim()), e.getKey() + ": " + p.quote());
            }
        }
        // a verdict made for the extractor's own pick is found again for that pick; one that covers nothing is not
        String path = "transcripts/practicalai/practical-ai-284.md";
        Path file = Corpus.root().resolve(path);
        Transcript t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            InsightExtractor extractor = new InsightExtractor(embedder);
            var top = extractor.extract(t, 5);
            var first = new JudgedSet.Passage(path, top.get(0).quote(), true, List.of());
            var second = new JudgedSet.Passage(path, top.get(1).quote(), false, List.of());
            var r = new JudgedEvaluator(extractor).evaluate(path, t, List.of(first, second));
            assertEquals(List.of("kept", "rejected", "unjudged", "unjudged", "unjudged"), r.verdicts());
            assertEquals(1, r.kept());
            assertEquals(2, r.judged());
        }
    }
}
