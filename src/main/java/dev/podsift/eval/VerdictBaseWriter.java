package dev.podsift.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.JudgeModel;
import dev.podsift.insight.ScoringModel;
import dev.podsift.learn.VerdictBase;
import dev.podsift.transcript.TranscriptParser;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the verdict base: every passage readers judged, as the shipped judge scores it (its score, the passage's
 * text and embedding), with the share of readers who kept it, its show and whether its episode is held back. The
 * vote-trained layer is fitted on the trained-on rows and gated on the held-back ones; the taste simulation reads
 * its days from it.
 */
public final class VerdictBaseWriter {
    private final Path set;
    private final Path corpus;
    private final Embedder embedder;

    public VerdictBaseWriter(Path set, Path corpus, Embedder embedder) {
        this.set = set;
        this.corpus = corpus;
        this.embedder = embedder;
    }

    /** Writes one JSON line per found passage to {@code out}; returns {found, missing}. */
    public int[] write(Writer out, Consumer<String> progress)
            throws IOException, dev.podsift.transcript.TranscriptException {
        Map<String, List<JudgedSet.Passage>> verdicts = JudgedSet.load(set);
        HeldBack heldBack = HeldBack.of(EvalSet.load(set));
        Map<String, String> shows = shows();
        JudgeModel judge = JudgeModel.bundled();
        JudgeData data = new JudgeData(new InsightExtractor(embedder, ScoringModel.bundled(),
                InsightExtractor.PRIOR_WEIGHT, null), embedder);
        int[] missing = {0};
        int found = 0;
        for (Map.Entry<String, List<JudgedSet.Passage>> e : new java.util.TreeMap<>(verdicts).entrySet()) {
            Path file = corpus.resolve(e.getKey());
            var t = new TranscriptParser().parse(Files.readString(file), file.getFileName().toString());
            for (JudgeData.Example x : data.examples(e.getKey(), heldBack.test(e.getKey()), t, e.getValue(),
                    List.of(), missing)) {
                int dims = x.x().length - JudgeModel.inputNames(0).size();
                float[] passage = passageVector(x.x(), dims);
                out.write(VerdictBase.line(new VerdictBase.Row(e.getKey(), show(shows, e.getKey()), x.heldBack(),
                        x.keep(), x.readers(), judge.judge(x.x()).score(), x.text(), passage)));
                out.write('\n');
                found++;
            }
            progress.accept(e.getKey());
        }
        return new int[] {found, missing[0]};
    }

    /** The passage's whole-text embedding: the first block of embedding inputs after the features. */
    private static float[] passageVector(double[] x, int dims3) {
        int dims = dims3 / 3;
        int from = x.length - dims3;
        float[] v = new float[dims];
        for (int k = 0; k < dims; k++) {
            v[k] = (float) x[from + k];
        }
        return v;
    }

    private Map<String, String> shows() throws IOException {
        Map<String, String> out = new HashMap<>();
        Path file = set.resolve("verdicts/episodes.json");
        if (Files.exists(file)) {
            for (JsonNode n : new ObjectMapper().readTree(file.toFile())) {
                String t = n.path("transcript").asText();
                out.put(t, n.path("show").asText());
                out.putIfAbsent(t.substring(0, t.lastIndexOf('/') + 1), n.path("show").asText());
            }
        }
        return out;
    }

    private static String show(Map<String, String> shows, String transcript) {
        String s = shows.get(transcript);
        if (s == null) {
            s = shows.get(transcript.substring(0, transcript.lastIndexOf('/') + 1));
        }
        return s == null ? transcript.split("/")[1] : s;
    }
}
