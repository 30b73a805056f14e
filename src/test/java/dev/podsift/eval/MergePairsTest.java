package dev.podsift.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.digest.RankingPolicy;
import dev.podsift.insight.MiniLmEmbedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The merge threshold in use keeps its measured precision on the labelled pairs (a drop means a regression). */
class MergePairsTest {
    @Test
    void thresholdInUseMergesPrecisely() throws Exception {
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            MergePairs pairs = new MergePairs(Path.of("eval/pairs.json"), embedder);
            MergePairs.Score s = pairs.at(RankingPolicy.defaults().mergeSimilarity());
            assertTrue(s.pairs() >= 30);
            assertTrue(s.precision() >= 0.85, "merge precision " + s.precision());
            assertTrue(s.recall() >= 0.45, "merge recall " + s.recall());
        }
    }
}
