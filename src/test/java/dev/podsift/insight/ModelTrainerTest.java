package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {
    @Test
    void learnsWhichFeatureMarksAnInsight() {
        Random r = new Random(7);
        int lesson = WindowFeatures.NAMES.indexOf("lesson");
        List<ModelTrainer.Example> ex = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean insight = i % 6 == 0; // few positives, as in real labels
            double[] f = new double[WindowFeatures.NAMES.size()];
            for (int k = 0; k < f.length; k++) {
                f[k] = r.nextGaussian();
            }
            f[lesson] = (insight ? 2 : 0) + r.nextGaussian() * 0.5;
            float[] e = new float[4];
            e[0] = insight ? 0.5f : -0.5f;
            ex.add(new ModelTrainer.Example(f, e, insight));
        }
        ScoringModel m = new ModelTrainer(0.01, 300).train(ex, "synthetic");
        int correct = 0;
        for (ModelTrainer.Example x : ex) {
            double dot = 0;
            for (int j = 0; j < x.embedding().length; j++) {
                dot += m.embeddingWeights()[j] * x.embedding()[j];
            }
            if ((m.score(x.features(), dot) > 0.5) == x.insight()) {
                correct++;
            }
        }
        assertTrue(correct > 570, correct + " of 600 classified right");
        assertTrue(m.weights()[lesson] > 0, "the informative feature gets a positive weight");
    }

    @Test
    void aFeatureThatMayOnlyLowerAScoreNeverGetsAPositiveWeight() {
        Random r = new Random(11);
        int dangling = WindowFeatures.NAMES.indexOf("dangling");
        int general = WindowFeatures.NAMES.indexOf("general");
        assertEquals(-1, WindowFeatures.SIGNS.get(dangling));
        assertEquals(WindowFeatures.NAMES.size(), WindowFeatures.SIGNS.size());
        List<ModelTrainer.Example> ex = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean insight = i % 6 == 0;
            double[] f = new double[WindowFeatures.NAMES.size()];
            // in this sample a dangling opener comes with insights, and general words with the rest
            f[dangling] = insight ? 1 : r.nextDouble() < 0.1 ? 1 : 0;
            f[general] = insight ? 0 : 1;
            ex.add(new ModelTrainer.Example(f, new float[4], insight));
        }
        ScoringModel m = new ModelTrainer(0.01, 300).train(ex, "synthetic");
        assertEquals(0.0, m.weights()[dangling], "kept at zero, not fitted upwards");
        assertEquals(0.0, m.weights()[general], "kept at zero, not fitted downwards");
    }

    @Test
    void bundledModelMatchesTheFeatureList() {
        ScoringModel m = ScoringModel.bundled();
        assertNotNull(m, "a trained model is bundled");
        assertEquals(WindowFeatures.NAMES, m.features());
        assertEquals(384, m.embeddingWeights().length);
    }
}
