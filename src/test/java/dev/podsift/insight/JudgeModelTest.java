package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeModelTest {
    static final int DIMS = 384;

    /** A judge whose keep head is one linear layer over unscaled inputs: weight {@code w} on input {@code name}. */
    static JudgeModel linear(String name, double w, double bias) {
        List<String> names = JudgeModel.inputNames(DIMS);
        double[] weights = new double[names.size()];
        weights[names.indexOf(name)] = w;
        double[] ones = new double[names.size()];
        Arrays.fill(ones, 1);
        return new JudgeModel(1, "test", names, new double[names.size()], ones,
                List.of(new JudgeModel.Head("keep", List.<double[][]>of(new double[][] {weights}), List.of(new double[] {bias}),
                        true)), 1.0, null);
    }

    private static double[] input(double turnStart) {
        double[] window = new double[WindowFeatures.NAMES.size()];
        double[] around = new double[Neighbourhood.NAMES.size()];
        around[Neighbourhood.NAMES.indexOf("turn_start")] = turnStart;
        return JudgeModel.input(window, around, new float[DIMS], new float[DIMS], null);
    }

    @Test
    void theKeepHeadIsALogisticOfItsLayers() {
        JudgeModel m = linear("turn_start", 2.0, -1.0);
        assertEquals(1 / (1 + Math.exp(-1.0)), m.judge(input(1)).keep(), 1e-12);
        assertEquals(1 / (1 + Math.exp(1.0)), m.judge(input(0)).keep(), 1e-12);
    }

    @Test
    void theScoreBlendsTheHeroHeadAndAHiddenLayerIsRectified() {
        List<String> names = JudgeModel.inputNames(DIMS);
        int n = names.size();
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[][] hidden = new double[2][n];
        hidden[0][names.indexOf("turn_start")] = 1;
        hidden[1][names.indexOf("turn_start")] = -1;
        var hero = new JudgeModel.Head("hero", List.<double[][]>of(hidden, new double[][] {{0.5, 0.5}}),
                List.of(new double[] {0, 0}, new double[] {0.1}), false);
        var keep = new JudgeModel.Head("keep", List.<double[][]>of(new double[][] {new double[n]}), List.of(new double[] {0}),
                true);
        JudgeModel m = new JudgeModel(1, "test", names, new double[n], ones, List.of(keep, hero), 0.25, null);
        var v = m.judge(input(1));
        assertEquals(0.5, v.keep(), 1e-12);
        assertEquals(0.6, v.hero(), 1e-12, "relu(1) * 0.5 + relu(-1) * 0.5 + 0.1");
        assertEquals(0.25 * 0.5 + 0.75 * 0.6, v.score(), 1e-12);
        assertEquals(1.0, new JudgeModel(1, "t", names, new double[n], ones, List.of(keep, new JudgeModel.Head("hero",
                List.<double[][]>of(new double[][] {new double[n]}), List.of(new double[] {7}), false)), 0, null).judge(input(0)).hero(),
                "a regression head is clipped to 0-1");
    }

    @Test
    void aModelTrainedOnOtherInputsIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("judge.json");
        Files.writeString(f, "{\"version\":1,\"trainedOn\":\"x\",\"features\":[\"lesson\",\"words\"],\"mean\":[0,0],"
                + "\"std\":[1,1],\"heads\":[{\"name\":\"keep\",\"weights\":[[[1,1]]],\"biases\":[[0]],\"sigmoid\":true}],"
                + "\"blend\":1}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JudgeModel.load(f));
        assertTrue(e.getMessage().contains("train/judge.sh"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> linear("turn_start", 1, 0).judge(new double[3]));
    }

    @Test
    void theBundledJudgeReadsWhatThisBuildComputes() {
        JudgeModel m = JudgeModel.bundled();
        assertNotNull(m, "the judge is shipped");
        assertEquals(JudgeModel.inputNames(DIMS), m.features());
        double p = m.judge(input(1)).score();
        assertTrue(p >= 0 && p <= 1, "a score between 0 and 1: " + p);
        // the trainer wrote what its own code predicted for one example: this code must say the same
        assertNotNull(m.check());
        var v = m.judge(m.check().input());
        assertEquals(m.check().keep(), v.keep(), 1e-9);
        assertEquals(m.check().hero(), v.hero(), 1e-9);
    }
}
