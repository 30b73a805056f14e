package dev.podsift.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where topics are compared: the main directions along which the judged passages of the trained-on episodes differ
 * (the mean taken out, {@link #DIRECTIONS} principal components of the verdict base), and how much a passage belongs
 * to each of {@link #TOPICS} groups of those passages. Raw sentence embeddings of podcast talk are all somewhat alike;
 * here two passages are alike when they share what sets topics apart. Held-back passages never shape it.
 */
public final class TopicSpace implements UnaryOperator<float[]> {
    static final int DIRECTIONS = 16;
    private static volatile TopicSpace bundled;

    /** How many topics the trained-on passages are grouped into (k-means of their embeddings). */
    static final int TOPICS = 12;
    /** How sharply an insight's likeness to each topic becomes its share in it (softmax over cosine likeness). */
    static final double SHARPNESS = 30;

    private final float[] mean;
    private final float[][] basis;
    private final float[][] topics;

    private TopicSpace(float[] mean, float[][] basis, float[][] topics) {
        this.mean = mean;
        this.basis = basis;
        this.topics = topics;
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
                        bundled = rows.isEmpty() ? new TopicSpace(null, null, null) : of(rows);
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
        return new TopicSpace(mean, Refit.basis(trainedOn, DIRECTIONS), Centres.of(trainedOn, TOPICS, new java.util.Random(1)));
    }

    /**
     * {@code v} (a unit sentence embedding) in this space: its place along the main directions, as a unit vector,
     * followed by its share in each of the {@link #TOPICS} topics (summing to 1). The place lets a linear taste lean
     * one way; the shares let it follow two topics that lie apart, which no single direction can.
     */
    @Override
    public float[] apply(float[] v) {
        float[] place = project(v);
        return withShares(place, v, topics);
    }

    /**
     * {@code space} followed by each insight's share in {@link #TOPICS} groups of {@code insights} (k-means of their
     * embeddings, from a fixed start): topics read afresh from what a digest chooses among, so they follow what the
     * shows talk about now rather than what the verdict base talked about. {@code space} itself when there are too
     * few insights to group (under four per topic).
     */
    public static UnaryOperator<float[]> groupedBy(UnaryOperator<float[]> space, List<float[]> insights) {
        if (insights.size() < 4 * TOPICS) {
            return space;
        }
        float[][] groups = Centres.of(insights, TOPICS, new java.util.Random(1));
        return v -> withShares(space.apply(v), v, groups);
    }

    /** {@code place} followed by {@code v}'s share in each of {@code centres} (softmax of likeness × sharpness). */
    private static float[] withShares(float[] place, float[] v, float[][] centres) {
        float[] out = java.util.Arrays.copyOf(place, place.length + centres.length);
        double[] e = new double[centres.length];
        double sum = 0;
        for (int c = 0; c < centres.length; c++) {
            e[c] = Math.exp(SHARPNESS * (dev.podsift.insight.Vectors.dot(v, centres[c]) - 1));
            sum += e[c];
        }
        for (int c = 0; c < centres.length; c++) {
            out[place.length + c] = (float) (e[c] / sum);
        }
        return out;
    }

    /** {@code v} along the main directions, as a unit vector. */
    private float[] project(float[] v) {
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
