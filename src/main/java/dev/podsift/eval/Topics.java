package dev.podsift.eval;

import dev.podsift.insight.Vectors;
import dev.podsift.learn.VerdictBase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Topic clusters of passages (spherical k-means on their embeddings) and the words that name one. */
final class Topics {
    private Topics() {
    }

    /** The topic (0 … k-1) of every row; rows outside {@code pool} get the nearest centre. */
    static int[] cluster(List<VerdictBase.Row> rows, List<Integer> pool, int k, Random random) {
        int d = rows.get(0).embedding().length;
        float[][] centres = new float[k][];
        // k-means++ seeding
        centres[0] = rows.get(pool.get(random.nextInt(pool.size()))).embedding().clone();
        double[] far = new double[pool.size()];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int p = 0; p < pool.size(); p++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, 1 - Vectors.dot(rows.get(pool.get(p)).embedding(), centres[j]));
                }
                far[p] = best * best;
                total += far[p];
            }
            double r = random.nextDouble() * total;
            int chosen = 0;
            for (int p = 0; p < pool.size(); p++) {
                r -= far[p];
                if (r <= 0) {
                    chosen = p;
                    break;
                }
            }
            centres[c] = rows.get(pool.get(chosen)).embedding().clone();
        }
        int[] topic = new int[rows.size()];
        for (int iteration = 0; iteration < 30; iteration++) {
            float[][] sums = new float[k][d];
            for (int p : pool) {
                topic[p] = nearest(rows.get(p).embedding(), centres);
                float[] v = rows.get(p).embedding();
                for (int x = 0; x < d; x++) {
                    sums[topic[p]][x] += v[x];
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
        for (int i = 0; i < rows.size(); i++) {
            topic[i] = nearest(rows.get(i).embedding(), centres);
        }
        return topic;
    }

    private static int nearest(float[] v, float[][] centres) {
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

    /** The three words that best tell topic {@code t} from the rest of the pool, as a reader would write them. */
    static String words(List<VerdictBase.Row> rows, List<Integer> pool, int[] topic, int t) {
        Map<String, int[]> counts = new HashMap<>();
        int in = 0;
        for (int p : pool) {
            boolean mine = topic[p] == t;
            in += mine ? 1 : 0;
            for (String w : dev.podsift.digest.Words.content(rows.get(p).text())) {
                counts.computeIfAbsent(w, x -> new int[2])[mine ? 0 : 1]++;
            }
        }
        int out = pool.size() - in;
        int inside = Math.max(1, in);
        int outside = Math.max(1, out);
        return counts.entrySet().stream()
                .filter(e -> e.getValue()[0] >= 3)
                .sorted((a, b) -> Double.compare(lift(b.getValue(), inside, outside), lift(a.getValue(), inside, outside)))
                .limit(3).map(Map.Entry::getKey).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static double lift(int[] c, int in, int out) {
        double pIn = c[0] / (double) in;
        double pOut = (c[1] + 1) / (double) out;
        return pIn * Math.log(pIn / pOut);
    }

}
