package dev.podsift.learn;

import dev.podsift.insight.Kind;
import dev.podsift.insight.VoteLayer;

import java.util.List;

/**
 * Fits the vote layer: a logistic regression of "kept" with the judge's logit as a fixed offset (scale 1: the judge
 * was trained on the verdicts' episodes, so its scores there are better than anywhere else, and a scale fitted on
 * them would only make it overconfident), learning a bias and what the passage's kind and a few principal directions
 * of its embedding add, over weighted examples (reader verdicts, votes); and scores a layer on held-back examples by
 * their weighted log-loss (lower is better). Newton's method with an L2 penalty on all but the bias, so a small
 * batch of votes moves little.
 */
public final class Refit {
    /** The judge's score of a passage, its text and embedding, the share kept (0–1) and the example's weight. */
    public record Example(double judge, String text, float[] embedding, double label, double weight) {
    }

    /** Principal directions of the embeddings read besides the kind. */
    static final int COMPONENTS = 8;
    static final double L2 = 2.0;
    private static final int ITERATIONS = 30;

    private Refit() {
    }

    /** The layer fitted on {@code examples}, reading the embedding along {@code basis}. */
    public static VoteLayer fit(List<Example> examples, float[][] basis) {
        int kinds = Kind.values().length;
        int p = 2 + kinds + basis.length; // scale, bias, kinds, components
        double[] w = new double[p];
        w[0] = 1; // the judge's logit, an offset: never fitted
        VoteLayer shape = new VoteLayer(1, 0, new double[kinds], basis, new double[basis.length]);
        double[][] x = new double[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            Example e = examples.get(i);
            double[] in = shape.inputs(e.text(), e.embedding());
            x[i] = new double[p];
            x[i][0] = VoteLayer.logit(e.judge());
            x[i][1] = 1;
            System.arraycopy(in, 0, x[i], 2, in.length);
        }
        for (int it = 0; it < ITERATIONS; it++) {
            double[] g = new double[p];
            double[][] h = new double[p][p];
            for (int i = 0; i < x.length; i++) {
                Example e = examples.get(i);
                double z = 0;
                for (int k = 0; k < p; k++) {
                    z += w[k] * x[i][k];
                }
                double q = 1 / (1 + Math.exp(-z));
                double err = (q - e.label()) * e.weight();
                double curve = q * (1 - q) * e.weight();
                for (int a = 0; a < p; a++) {
                    g[a] += err * x[i][a];
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += curve * x[i][a] * x[i][b];
                    }
                }
            }
            for (int a = 2; a < p; a++) {
                g[a] += L2 * w[a];
                h[a][a] += L2;
            }
            g[0] = 0;
            for (int a = 0; a < p; a++) {
                h[0][a] = 0;
                h[a][0] = 0;
            }
            h[0][0] = 1;
            for (int a = 0; a < p; a++) {
                h[a][a] += 1e-6;
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
            }
            double[] step = solve(h, g);
            double size = 0;
            for (int k = 0; k < p; k++) {
                w[k] -= step[k];
                size = Math.max(size, Math.abs(step[k]));
            }
            if (size < 1e-7) {
                break;
            }
        }
        double[] kindWeights = new double[kinds];
        System.arraycopy(w, 2, kindWeights, 0, kinds);
        double[] weights = new double[basis.length];
        System.arraycopy(w, 2 + kinds, weights, 0, basis.length);
        return new VoteLayer(w[0], w[1], kindWeights, basis, weights);
    }

    /** The weighted mean log-loss of {@code layer} on {@code examples}. */
    public static double loss(VoteLayer layer, List<Example> examples) {
        double sum = 0;
        double weight = 0;
        for (Example e : examples) {
            double q = Math.max(1e-6, Math.min(1 - 1e-6, layer.apply(e.judge(), e.text(), e.embedding())));
            sum -= e.weight() * (e.label() * Math.log(q) + (1 - e.label()) * Math.log(1 - q));
            weight += e.weight();
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /**
     * The first {@code n} principal directions of {@code vectors} (centred), by power iteration with deflation;
     * deterministic.
     */
    public static float[][] basis(List<float[]> vectors, int n) {
        int d = vectors.get(0).length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[k] / vectors.size();
            }
        }
        double[][] cov = new double[d][d];
        for (float[] v : vectors) {
            for (int a = 0; a < d; a++) {
                double da = v[a] - mean[a];
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += da * (v[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
        }
        float[][] out = new float[n][d];
        for (int c = 0; c < n; c++) {
            double[] u = new double[d];
            for (int k = 0; k < d; k++) {
                u[k] = 1.0 / Math.sqrt(d) * (1 + (k % 7) * 0.1);
            }
            double lambda = 0;
            for (int it = 0; it < 200; it++) {
                double[] next = new double[d];
                for (int a = 0; a < d; a++) {
                    double s = 0;
                    for (int b = 0; b < d; b++) {
                        s += cov[a][b] * u[b];
                    }
                    next[a] = s;
                }
                double norm = 0;
                for (double x : next) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                lambda = norm;
                for (int k = 0; k < d; k++) {
                    u[k] = next[k] / Math.max(norm, 1e-12);
                }
            }
            for (int a = 0; a < d; a++) {
                out[c][a] = (float) u[a];
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * u[a] * u[b];
                }
            }
        }
        return out;
    }

    /** Solves {@code h x = g} by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, a[i], 0, n);
            a[i][n] = g[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[r][k] -= f * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= a[i][k] * x[k];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
