package dev.podsift.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.learn.VerdictBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The taste simulation in a reduced size (20 readers, 14 days of held-back episodes; the full size is a benchmark):
 * readers who vote get more of what they keep by the last days than on the first, and readers who never vote get
 * exactly the digest they would without this feature.
 */
@Tag("simulation")
class TasteSimulationTest {
    @Test
    void votingReadersGetMoreOfTheirTasteAndSilentOnesNothingNew() {
        var rows = VerdictBase.bundled();
        assertTrue(rows.size() > 3000, "the verdict base is bundled: " + rows.size());
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            var s = new TasteSimulation.Settings(20, 14, 4, 0.2, 7, true);
            TasteSimulation.Report r = new TasteSimulation(rows, embedder).run(s);
            assertEquals(0, r.neverVotersMoved(), "readers who never vote: unmoved");
            double early = (mean(r.withTopics(), 0, 3) + mean(r.withoutTopics(), 0, 3)) / 2;
            double late = (mean(r.withTopics(), 11, 14) + mean(r.withoutTopics(), 11, 14)) / 2;
            System.out.printf("taste simulation (20 readers, held-back days): first 3 days %.0f%%, last 3 %.0f%%%n",
                    early * 100, late * 100);
            assertTrue(late > early + 0.03, "the last three days match the hidden taste more: " + early + " -> " + late);
        }
    }

    private static double mean(double[] d, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += d[i];
        }
        return s / (to - from);
    }
}
