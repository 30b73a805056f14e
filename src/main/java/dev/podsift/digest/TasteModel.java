package dev.podsift.digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader's taste as two conditions that must both hold for a 👍: the insight is on a topic they follow, and it is a
 * kind of insight they want. Each condition is a small logistic model (topic: the insight's place in the topic space
 * and its show; kind: its {@link dev.podsift.insight.Kind}), and a vote is explained by their product, with a share
 * of votes taken as cast by mistake. So a 👎 on a liked topic can be put down to the kind, and one on a wanted kind to
 * the topic, where a plain sum of the two would have to count it against both. Fitted by full-batch gradient descent
 * from the same start every time: the same votes always give the same taste.
 */
final class TasteModel {
    /** The share of votes taken as cast by mistake (a slip of the thumb; a reader's mood). */
    static final double NOISE = 0.1;
    static final double TOPIC_L2 = 0.01;
    static final double KIND_L2 = 0.001;
    static final double SHOW_L2 = 0.1;
    static final int STEPS = 400;
    static final double RATE = 1;
    /**
     * How far the reader's written topics lean the topic factor before any vote: its weights start at (and are held
     * towards) this many times the topics' place in the topic space.
     */
    static final double WRITTEN = 3;

    /**
     * What one vote says: the insight's place in the topic space, kind and show, whether it was a 👍, whether it
     * speaks of the topic only ("not my topic") or of the kind only (obvious, needs context, hard, wrong), and how
     * much it counts.
     */
    record Example(float[] place, int kind, long show, boolean up, boolean topicOnly, boolean kindOnly,
                   double weight) {
    }

    private final double[] topic;
    private double topicBias;
    private final double[] kinds;
    private double kindBias = 1;
    private final Map<Long, Double> shows = new HashMap<>();

    private TasteModel(int dims, int kindCount) {
        topic = new double[dims];
        kinds = new double[kindCount];
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** How far the insight's place leans towards the reader's topics (the topic condition's logit, less its bias). */
    double topicPart(float[] place) {
        double a = 0;
        for (int d = 0; d < topic.length; d++) {
            a += topic[d] * place[d];
        }
        return a;
    }

    double kindPart(int kind) {
        return kinds[kind];
    }

    double showPart(long show) {
        return shows.getOrDefault(show, 0.0);
    }

    /** The chance that both conditions hold for an insight. */
    double likes(float[] place, long show, int kind) {
        return sigmoid(topicBias + topicPart(place) + showPart(show)) * sigmoid(kindBias + kinds[kind]);
    }

    /** {@code written}: the reader's written topics in the topic space, the topic weights' starting point, or null. */
    static TasteModel fit(List<Example> votes, float[] written, int dims, int kindCount) {
        TasteModel m = new TasteModel(dims, kindCount);
        double[] prior = new double[dims];
        if (written != null) {
            for (int d = 0; d < dims; d++) {
                prior[d] = WRITTEN * written[d];
                m.topic[d] = prior[d];
            }
        }
        List<Long> showIds = new ArrayList<>();
        int[] showOf = new int[votes.size()];
        double total = 0;
        for (int i = 0; i < votes.size(); i++) {
            long show = votes.get(i).show();
            if (!showIds.contains(show)) {
                showIds.add(show);
            }
            showOf[i] = showIds.indexOf(show);
            total += votes.get(i).weight();
        }
        double[] s = new double[showIds.size()];
        double e = NOISE;
        for (int step = 0; step < STEPS; step++) {
            double[] gTopic = new double[dims];
            double[] gKind = new double[kindCount];
            double[] gShow = new double[s.length];
            double gTopicBias = 0;
            double gKindBias = 0;
            for (int i = 0; i < votes.size(); i++) {
                Example x = votes.get(i);
                double t = sigmoid(m.topicBias + m.topicPart(x.place()) + s[showOf[i]]);
                double k = sigmoid(m.kindBias + m.kinds[x.kind()]);
                // gradients of the vote's negative log-likelihood with respect to the two logits
                double da;
                double dc;
                if (x.topicOnly()) {
                    da = (1 - 2 * e) * t * (1 - t) / (1 - (e + (1 - 2 * e) * t));
                    dc = 0;
                } else if (x.kindOnly()) {
                    da = 0;
                    dc = (1 - 2 * e) * k * (1 - k) / (1 - (e + (1 - 2 * e) * k));
                } else {
                    double q = t * k;
                    double p = e + (1 - 2 * e) * q;
                    double dp = x.up() ? -1 / p : 1 / (1 - p);
                    da = dp * (1 - 2 * e) * q * (1 - t);
                    dc = dp * (1 - 2 * e) * q * (1 - k);
                }
                double w = x.weight() / total;
                gTopicBias += w * da;
                gShow[showOf[i]] += w * da;
                for (int d = 0; d < dims; d++) {
                    gTopic[d] += w * da * x.place()[d];
                }
                gKindBias += w * dc;
                gKind[x.kind()] += w * dc;
            }
            m.topicBias -= RATE * gTopicBias;
            m.kindBias -= RATE * gKindBias;
            for (int d = 0; d < dims; d++) {
                m.topic[d] -= RATE * (gTopic[d] + TOPIC_L2 * (m.topic[d] - prior[d]));
            }
            for (int k = 0; k < kindCount; k++) {
                m.kinds[k] -= RATE * (gKind[k] + KIND_L2 * m.kinds[k]);
            }
            for (int k = 0; k < s.length; k++) {
                s[k] -= RATE * (gShow[k] + SHOW_L2 * s[k]);
            }
        }
        for (int k = 0; k < s.length; k++) {
            m.shows.put(showIds.get(k), s[k]);
        }
        return m;
    }
}
