package dev.podsift.digest;

import dev.podsift.store.StoredInsight;
import java.util.List;

/**
 * One ranked entry of a digest: the representative insight, the same idea elsewhere, and why it ranked. Novelty is 1
 * minus the closest likeness to anything the reader was sent in the last 30 days (1 when nothing like it was sent);
 * it is a gate (RankingPolicy#deliveredSimilarity drops repeats), shown so a reader sees how new an item is.
 * Preference is what the reader's votes added or took ({@link Taste}), {@code why} its reason in words or null.
 */
public record DigestItem(int rank, StoredInsight insight, List<StoredInsight> alsoIn, double score,
                         double quality, double relevance, double consensus, double novelty, double preference,
                         String why) {
    /** An item no vote moved. */
    public DigestItem(int rank, StoredInsight insight, List<StoredInsight> alsoIn, double score, double quality,
                      double relevance, double consensus, double novelty) {
        this(rank, insight, alsoIn, score, quality, relevance, consensus, novelty, 0, null);
    }

    /** The same item at another rank and score (the other parts kept). */
    public DigestItem at(int rank, double score) {
        return new DigestItem(rank, insight, alsoIn, score, quality, relevance, consensus, novelty, preference, why);
    }

    /** The same item with another insight (an edited text) and score. */
    public DigestItem with(StoredInsight insight, double score) {
        return new DigestItem(rank, insight, alsoIn, score, quality, relevance, consensus, novelty, preference, why);
    }

    /** An item with nothing delivered to compare it with. */
    public DigestItem(int rank, StoredInsight insight, List<StoredInsight> alsoIn, double score, double quality,
                      double relevance, double consensus) {
        this(rank, insight, alsoIn, score, quality, relevance, consensus, 1.0);
    }
}
