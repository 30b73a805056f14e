package dev.podsift.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The judge's last layer, refitted on everyone's votes: an insight's score {@code q} becomes
 * {@code sigmoid(scale * logit(q) + bias + kinds[kind] + weights · (basis × embedding))}, where {@code basis} holds a
 * few principal directions of the passages' embeddings. The identity (scale 1, the rest 0) leaves every score as the
 * judge gave it; that is the layer until a refit passes the gate on held-back reader verdicts.
 */
public record VoteLayer(double scale, double bias, double[] kinds, float[][] basis, double[] weights) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final VoteLayer IDENTITY = new VoteLayer(1, 0, new double[Kind.values().length], new float[0][],
            new double[0]);

    /** The inputs besides the judge's logit: the kind (one-hot) and the embedding's principal components. */
    public double[] inputs(String text, float[] embedding) {
        double[] x = new double[Kind.values().length + basis.length];
        x[Kind.of(text).ordinal()] = 1;
        for (int p = 0; p < basis.length; p++) {
            x[Kind.values().length + p] = Vectors.dot(basis[p], embedding);
        }
        return x;
    }

    /** The score after this layer. */
    public double apply(double score, String text, float[] embedding) {
        if (this == IDENTITY || basis.length == 0 && scale == 1 && bias == 0 && allZero(kinds)) {
            return score;
        }
        double[] x = inputs(text, embedding);
        double z = scale * logit(score) + bias;
        for (int k = 0; k < kinds.length; k++) {
            z += kinds[k] * x[k];
        }
        for (int p = 0; p < weights.length; p++) {
            z += weights[p] * x[kinds.length + p];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public static double logit(double p) {
        double q = Math.max(1e-4, Math.min(1 - 1e-4, p));
        return Math.log(q / (1 - q));
    }

    private static boolean allZero(double[] v) {
        for (double d : v) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static VoteLayer parse(String json) {
        try {
            return JSON.readValue(json, VoteLayer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a vote layer: " + e.getOriginalMessage(), e);
        }
    }
}
