package dev.podsift.digest;

import dev.podsift.store.StoredInsight;
import java.util.List;

/** One ranked entry of a digest: the representative insight, the same idea elsewhere, and why it ranked. */
public record DigestItem(int rank, StoredInsight insight, List<StoredInsight> alsoIn, double score,
                         double quality, double relevance, double consensus) {
}
