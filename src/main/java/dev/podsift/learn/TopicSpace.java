package dev.podsift.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where topics are compared: the main directions along which the judged passages of the trained-on episodes differ
 * (the mean taken out, {@link #DIRECTIONS} principal components of the verdict base). Raw sentence embeddings of
 * podcast talk are all somewhat alike; here two passages are alike when they share what sets topics apart.
 */
public final class TopicSpace implements UnaryOperator<float[]> {
    static final int DIRECTIONS = 16;
    private static volatile TopicSpace bundled;

    private final float[] mean;
    private final float[][] basis;

    private TopicSpace(float[] mean, float[][] basis) {
        this.mean = mean;
        this.basis = basis;
    }

    /**
     * The space of the bundled verdict base, computed on first use (about a second; never for a digest without
     * votes); the identity when none is bundled.
     */
    public static UnaryOperator<float[]> bundled() {
        return v -> {
            TopicSpace s = bundled;
            if (s == null) {
                synchronized (TopicSpace.class) {
                    if (bundled == null) {
                        List<VerdictBase.Row> rows = VerdictBase.bundled();
                        bundled = rows.isEmpty() ? new TopicSpace(null, null) : of(rows);
                    }
                    s = bundled;
                }
            }
            return s.basis == null ? v : s.apply(v);
        };
    }

    /** The space of {@code rows}' trained-on passages (held-back ones never shape it). */
    public static TopicSpace of(List<VerdictBase.Row> rows) {
        List<float[]> trainedOn = new ArrayList<>();
        for (VerdictBase.Row r : rows) {
            if (!r.heldBack()) {
                trainedOn.add(r.embedding());
            }
        }
        int d = trainedOn.get(0).length;
        float[] mean = new float[d];
        for (float[] v : trainedOn) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[k] / trainedOn.size();
            }
        }
        return new TopicSpace(mean, Refit.basis(trainedOn, DIRECTIONS));
    }

    /** {@code v} in this space, as a unit vector. */
    @Override
    public float[] apply(float[] v) {
        float[] out = new float[basis.length];
        double norm = 0;
        for (int c = 0; c < basis.length; c++) {
            double s = 0;
            for (int k = 0; k < v.length; k++) {
                s += basis[c][k] * (v[k] - mean[k]);
            }
            out[c] = (float) s;
            norm += s * s;
        }
        float n = (float) Math.sqrt(Math.max(norm, 1e-12));
        for (int c = 0; c < out.length; c++) {
            out[c] /= n;
        }
        return out;
    }
}
