package dev.podsift.store;

import java.time.Instant;

/**
 * One 👍 (+1) or 👎 (-1) with what it was on: the insight's show, text and embedding; the reason a 👎 gave
 * ({@code topic}, {@code obvious}, {@code context}, {@code hard}, {@code wrong}) or {@code more} for "more like this",
 * or null; when it was cast (or last changed); {@code score} is the insight's score as analysed (the judge's).
 */
public record StoredVote(long subscriberId, long insightId, long podcastId, String podcast, String text,
                         float[] embedding, double score, int vote, String reason, Instant at) {
}
