package dev.podsift.insight;

/** Small vector helpers over unit-length float embeddings. */
public final class Vectors {
    private Vectors() {
    }

    public static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** Cosine similarity of two unit vectors. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The normalised mean of {@code vs[from..to)}. */
    public static float[] mean(float[][] vs, int from, int to) {
        float[] sum = new float[vs[from].length];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += vs[i][j];
            }
        }
        return normalise(sum);
    }
}
