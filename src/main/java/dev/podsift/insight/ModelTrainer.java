package dev.podsift.insight;

import java.util.List;

/**
 * Fits {@link ScoringModel}: L2-regularised logistic regression by full-batch gradient descent (Adam), with the
 * positive class weighted up to balance the few labelled insights against the many other windows, and each feature's
 * weight kept to the direction {@link WindowFeatures#SIGNS} allows.
 */
public final class ModelTrainer {
    /** One labelled window. */
    public record Example(double[] features, float[] embedding, boolean insight) {
    }

    private final double l2;
    private final double embeddingL2;
    private final int iterations;

    public ModelTrainer(double l2, int iterations) {
        this(l2, l2, iterations);
    }

    /** {@code embeddingL2} regularises the embedding's weights apart from the named features'. */
    public ModelTrainer(double l2, double embeddingL2, int iterations) {
        this.l2 = l2;
        this.embeddingL2 = embeddingL2;
        this.iterations = iterations;
    }

    public ScoringModel train(List<Example> examples, String trainedOn) {
        int n = examples.size();
        int d = WindowFeatures.NAMES.size();
        int e = examples.get(0).embedding().length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (Example x : examples) {
            for (int k = 0; k < d; k++) {
                mean[k] += x.features()[k] / n;
            }
        }
        for (Example x : examples) {
            for (int k = 0; k < d; k++) {
                std[k] += Math.pow(x.features()[k] - mean[k], 2) / n;
            }
        }
        for (int k = 0; k < d; k++) {
            std[k] = Math.max(1e-6, Math.sqrt(std[k]));
        }
        long positives = examples.stream().filter(Example::insight).count();
        double posWeight = positives == 0 ? 1 : (double) (n - positives) / positives;
        int p = d + e + 1;
        double[] theta = new double[p];
        double[] m1 = new double[p];
        double[] m2 = new double[p];
        double rate = 0.05;
        for (int it = 1; it <= iterations; it++) {
            double[] grad = new double[p];
            double totalWeight = 0;
            for (Example x : examples) {
                double z = theta[p - 1];
                for (int k = 0; k < d; k++) {
                    z += theta[k] * (x.features()[k] - mean[k]) / std[k];
                }
                for (int j = 0; j < e; j++) {
                    z += theta[d + j] * x.embedding()[j];
                }
                double w = x.insight() ? posWeight : 1;
                double err = w * (1 / (1 + Math.exp(-z)) - (x.insight() ? 1 : 0));
                totalWeight += w;
                for (int k = 0; k < d; k++) {
                    grad[k] += err * (x.features()[k] - mean[k]) / std[k];
                }
                for (int j = 0; j < e; j++) {
                    grad[d + j] += err * x.embedding()[j];
                }
                grad[p - 1] += err;
            }
            for (int k = 0; k < p; k++) {
                double g = grad[k] / totalWeight + (k < d ? l2 : k < p - 1 ? embeddingL2 : 0) * theta[k];
                m1[k] = 0.9 * m1[k] + 0.1 * g;
                m2[k] = 0.999 * m2[k] + 0.001 * g * g;
                double mh = m1[k] / (1 - Math.pow(0.9, it));
                double vh = m2[k] / (1 - Math.pow(0.999, it));
                theta[k] -= rate * mh / (Math.sqrt(vh) + 1e-8);
            }
            for (int k = 0; k < d; k++) {
                int sign = WindowFeatures.SIGNS.get(k);
                if (sign * theta[k] < 0) {
                    theta[k] = 0; // projected back onto the side of zero the feature is allowed
                }
            }
        }
        double[] weights = new double[d];
        double[] embeddingWeights = new double[e];
        System.arraycopy(theta, 0, weights, 0, d);
        System.arraycopy(theta, d, embeddingWeights, 0, e);
        return new ScoringModel(1, trainedOn, WindowFeatures.NAMES, mean, std, weights, embeddingWeights, theta[p - 1]);
    }
}
