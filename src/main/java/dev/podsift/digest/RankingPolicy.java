package dev.podsift.digest;

/** The ranking weights and limits of a digest, in one place. */
public record RankingPolicy(double mergeSimilarity, double deliveredSimilarity, double consensusBonus,
                            double topicWeight, int maxPerShow) {
    public static RankingPolicy defaults() {
        return new RankingPolicy(0.57, 0.85, 0.10, 0.35, 2);
    }
}
