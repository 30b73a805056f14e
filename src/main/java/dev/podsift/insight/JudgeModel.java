package dev.podsift.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The distilled judge: predicts, from a passage's window features, its {@link Neighbourhood} and the embedding of
 * its whole text, whether a reader keeps it (the {@code keep} head, a probability) and the hero editor's score of it
 * (the {@code hero} head, 0–1). Each head is a small network of dense layers (ReLU between, none after the last)
 * over the standardised input; its score is {@code blend} × keep + (1 − blend) × hero. Fitted offline by
 * {@code train/judge.sh} on reader verdicts and the hero's recorded judgements; shipped as a versioned resource.
 */
public record JudgeModel(int version, String trainedOn, List<String> features, double[] mean, double[] std,
                         List<Head> heads, double blend, Check check) {
    /** One training example's raw input and what the trainer's own code predicted for it, to check this one by. */
    public record Check(double[] input, double keep, double hero) {
    }

    static final String RESOURCE = "/dev/podsift/insight/judge-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three embeddings of an input, each named by its prefix: the passage, its first sentence, the one before. */
    private static final List<String> EMBEDDINGS = List.of("e", "f", "p");

    /**
     * The names of the inputs, in order: window features, neighbourhood, then the dimensions of the embeddings of the
     * whole passage ({@code e0…}), of its first sentence ({@code f0…}) and of the sentence before it ({@code p0…}).
     */
    public static List<String> inputNames(int dimensions) {
        List<String> names = new ArrayList<>(WindowFeatures.NAMES);
        names.addAll(Neighbourhood.NAMES);
        for (String prefix : EMBEDDINGS) {
            for (int k = 0; k < dimensions; k++) {
                names.add(prefix + k);
            }
        }
        return names;
    }

    /**
     * One input vector, unscaled: window features, neighbourhood, the embeddings of the whole passage, of its first
     * sentence and of the sentence before it (null at the start of an episode: zeros).
     */
    public static double[] input(double[] window, double[] neighbourhood, float[] passage, float[] first,
                                 float[] previous) {
        int d = passage.length;
        double[] x = new double[window.length + neighbourhood.length + 3 * d];
        System.arraycopy(window, 0, x, 0, window.length);
        System.arraycopy(neighbourhood, 0, x, window.length, neighbourhood.length);
        int at = window.length + neighbourhood.length;
        for (float[] v : new float[][] {passage, first, previous}) {
            for (int k = 0; v != null && k < d; k++) {
                x[at + k] = v[k];
            }
            at += d;
        }
        return x;
    }

    /** The input of window {@code c} of {@code all} (its episode's {@code around}), given its whole text's embedding. */
    public static double[] input(InsightExtractor.Candidates all, Neighbourhood around, InsightExtractor.Candidate c,
                                 float[] passage) {
        return input(c.features(), around.at(c.from(), c.to()), passage, all.embeddings()[c.from()],
                c.from() == 0 ? null : all.embeddings()[c.from() - 1]);
    }

    /** One head: dense layers, {@code weights[l][out][in]}; sigmoid on the output when {@code sigmoid}. */
    public record Head(String name, List<double[][]> weights, List<double[]> biases, boolean sigmoid) {
        double predict(double[] x) {
            double[] a = x;
            for (int l = 0; l < weights.size(); l++) {
                double[][] w = weights.get(l);
                double[] b = biases.get(l);
                double[] out = new double[w.length];
                for (int o = 0; o < w.length; o++) {
                    double z = b[o];
                    double[] row = w[o];
                    for (int i = 0; i < row.length; i++) {
                        z += row[i] * a[i];
                    }
                    out[o] = l < weights.size() - 1 ? Math.max(0, z) : z;
                }
                a = out;
            }
            return sigmoid ? 1 / (1 + Math.exp(-a[0])) : Math.max(0, Math.min(1, a[0]));
        }
    }

    /** What the heads say of one passage. */
    public record Verdict(double keep, double hero, double score) {
    }

    public Verdict judge(double[] input) {
        if (input.length != mean.length) {
            throw new IllegalArgumentException("the judge expects " + mean.length + " inputs, got " + input.length);
        }
        double[] x = new double[input.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = (input[k] - mean[k]) / std[k];
        }
        double keep = head("keep").predict(x);
        Head h = head("hero");
        double hero = h == null ? keep : h.predict(x);
        return new Verdict(keep, hero, blend * keep + (1 - blend) * hero);
    }

    private Head head(String name) {
        for (Head h : heads) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** The bundled judge, or null when none is bundled (the first-stage score then ranks alone). */
    public static JudgeModel bundled() {
        try (InputStream in = JudgeModel.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : checked(JSON.readValue(in, JudgeModel.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled judge model", e);
        }
    }

    public static JudgeModel load(Path file) throws IOException {
        return checked(JSON.readValue(file.toFile(), JudgeModel.class));
    }

    private static JudgeModel checked(JudgeModel m) {
        List<String> expected = inputNames((m.features().size() - WindowFeatures.NAMES.size()
                - Neighbourhood.NAMES.size()) / EMBEDDINGS.size());
        if (!m.features().equals(expected) || m.head("keep") == null) {
            throw new IllegalStateException("the judge model was trained on other inputs than this build computes: "
                    + "retrain it with train/judge.sh");
        }
        return m;
    }
}
