package dev.podsift.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the merge threshold on hand-written pairs: same idea in other words (should merge) and same topic,
 * other idea (should not). Reports precision and recall of merging at a threshold, and the best threshold.
 */
public final class MergePairs {
    /** Precision and recall of "merge when cosine ≥ threshold". */
    public record Score(double threshold, double precision, double recall, int pairs) {
    }

    private final List<double[]> scored = new ArrayList<>(); // {cosine, same ? 1 : 0}

    public MergePairs(Path file, Embedder embedder) throws IOException {
        JsonNode pairs = new ObjectMapper().readTree(file.toFile()).path("pairs");
        List<String> texts = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        for (JsonNode p : pairs) {
            texts.add(clean(p.path("a").asText()));
            texts.add(clean(p.path("b").asText()));
            same.add(p.path("same").asBoolean());
        }
        float[][] v = embedder.embed(texts);
        for (int i = 0; i < same.size(); i++) {
            scored.add(new double[] {Vectors.dot(v[2 * i], v[2 * i + 1]), same.get(i) ? 1 : 0});
        }
    }

    private static String clean(String s) {
        return s.replace("(corpus)", "").trim();
    }

    public Score at(double threshold) {
        int tp = 0;
        int fp = 0;
        int positives = 0;
        for (double[] s : scored) {
            boolean merged = s[0] >= threshold;
            positives += s[1] > 0 ? 1 : 0;
            if (merged && s[1] > 0) {
                tp++;
            } else if (merged) {
                fp++;
            }
        }
        return new Score(threshold, tp + fp == 0 ? 1 : (double) tp / (tp + fp),
                positives == 0 ? 0 : (double) tp / positives, scored.size());
    }

    /** The threshold with the best F1 on these pairs, in steps of 0.01. */
    public Score best() {
        Score best = at(1);
        double bestF = 0;
        for (int t = 30; t <= 95; t++) {
            Score s = at(t / 100.0);
            double f = s.precision() + s.recall() == 0 ? 0 : 2 * s.precision() * s.recall() / (s.precision() + s.recall());
            if (f > bestF) {
                bestF = f;
                best = s;
            }
        }
        return best;
    }
}
