package dev.podsift.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The learned insight scorer: a logistic regression over {@link WindowFeatures} (standardised) and the window's
 * embedding, trained on the tuning half of eval/ by {@code podsift train}. Shipped as a versioned resource.
 */
public record ScoringModel(int version, String trainedOn, List<String> features, double[] mean, double[] std,
                           double[] weights, double[] embeddingWeights, double bias) {
    static final String RESOURCE = "/dev/podsift/insight/scoring-model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The probability that a window is an insight; {@code embeddingDot} is the embedding weights · window vector. */
    public double score(double[] f, double embeddingDot) {
        return 1 / (1 + Math.exp(-logit(f, embeddingDot)));
    }

    public double logit(double[] f, double embeddingDot) {
        double z = bias + embeddingDot;
        for (int k = 0; k < f.length; k++) {
            z += weights[k] * (f[k] - mean[k]) / std[k];
        }
        return z;
    }

    /** The bundled model, or null when none has been trained (the hand-set weights are used then). */
    public static ScoringModel bundled() {
        try (InputStream in = ScoringModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            ScoringModel m = JSON.readValue(in, ScoringModel.class);
            if (!m.features().equals(WindowFeatures.NAMES)) {
                throw new IllegalStateException("the bundled scoring model was trained on other features: retrain it "
                        + "with 'podsift train'");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled scoring model", e);
        }
    }

    /** A model written by {@code podsift train}. */
    public static ScoringModel load(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ScoringModel.class);
    }

    public void save(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }
}
