package dev.podsift.eval;

import dev.podsift.learn.Centres;
import dev.podsift.learn.VerdictBase;

import java.util.ArrayList;
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
        List<float[]> vectors = new ArrayList<>();
        for (int p : pool) {
            vectors.add(rows.get(p).embedding());
        }
        float[][] centres = Centres.of(vectors, k, random);
        int[] topic = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            topic[i] = Centres.nearest(rows.get(i).embedding(), centres);
        }
        return topic;
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
