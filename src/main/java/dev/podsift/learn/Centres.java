package dev.podsift.learn;

import dev.podsift.insight.Vectors;

import java.util.List;
import java.util.Random;

/** Groups of unit vectors: spherical k-means (cosine), seeded k-means++ from {@code random}, 30 rounds. */
public final class Centres {
    private Centres() {
    }

    /** {@code k} unit centres of {@code vectors}; the same vectors and the same random stream give the same centres. */
    public static float[][] of(List<float[]> vectors, int k, Random random) {
        int d = vectors.get(0).length;
        float[][] centres = new float[k][];
        centres[0] = vectors.get(random.nextInt(vectors.size())).clone();
        double[] far = new double[vectors.size()];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int p = 0; p < vectors.size(); p++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, 1 - Vectors.dot(vectors.get(p), centres[j]));
                }
                far[p] = best * best;
                total += far[p];
            }
            double r = random.nextDouble() * total;
            int chosen = 0;
            for (int p = 0; p < vectors.size(); p++) {
                r -= far[p];
                if (r <= 0) {
                    chosen = p;
                    break;
                }
            }
            centres[c] = vectors.get(chosen).clone();
        }
        for (int iteration = 0; iteration < 30; iteration++) {
            float[][] sums = new float[k][d];
            for (float[] v : vectors) {
                int c = nearest(v, centres);
                for (int x = 0; x < d; x++) {
                    sums[c][x] += v[x];
                }
            }
            for (int c = 0; c < k; c++) {
                double norm = 0;
                for (float f : sums[c]) {
                    norm += f * f;
                }
                if (norm > 0) {
                    float n = (float) Math.sqrt(norm);
                    for (int x = 0; x < d; x++) {
                        sums[c][x] /= n;
                    }
                    centres[c] = sums[c];
                }
            }
        }
        return centres;
    }

    /** The centre most like {@code v} (the first of equals). */
    public static int nearest(float[] v, float[][] centres) {
        int best = 0;
        double like = -2;
        for (int c = 0; c < centres.length; c++) {
            double l = Vectors.dot(v, centres[c]);
            if (l > like) {
                like = l;
                best = c;
            }
        }
        return best;
    }
}
