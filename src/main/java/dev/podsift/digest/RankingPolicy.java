package dev.podsift.digest;

/**
 * The ranking weights and limits of a digest, in one place. The merge threshold comes from eval/pairs.json
 * (30 same-idea and near-miss pairs): at 0.50 merging is right 89% of the time and finds 53% of same-idea pairs;
 * lower thresholds find more but start merging different ideas, which would hide a lesson behind "also on".
 */
public record RankingPolicy(double mergeSimilarity, double deliveredSimilarity, double consensusBonus,
                            double topicWeight, int maxPerShow) {
    public static RankingPolicy defaults() {
        return new RankingPolicy(0.50, 0.85, 0.10, 0.35, 2);
    }
}
