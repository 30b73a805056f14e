package dev.podsift.insight;

import dev.podsift.model.Insight;

/**
 * Whether two passages of one episode make the same point. A speaker who comes back to a point says it in other
 * words, and MiniLM's likeness of two such passages is often only 0.3-0.6, while two different points of one
 * interview on one topic reach that too. So: two passages starting within 40 seconds of each other are one thread
 * of speech, whatever their likeness (in an episode of over 13 minutes: {@link #threadSeconds}); passages within
 * three minutes need less likeness than passages far apart; and
 * the bar errs towards "the same", since a wrong merge costs a lesson that the next candidate, about as good,
 * replaces, while a missed one sends a reader the same point twice. Set on the top 10 of 40 Lenny's Podcast
 * episodes and on the same-point pairs two blind readers found in the top 5s of twenty other episodes (290 pairs,
 * 15 the same point: 7 of them within 40 s, where 3 of 10 pairs were different points; 0.57 at 25 s, 0.56 at four
 * minutes, 0.54 at 28 minutes). Six of the 15 were far apart and under 0.45 alike: this rule cannot see them.
 * Measured on ten more episodes that set nothing here (eval/README.md).
 */
public final class SameIdea {
    static final double ADJACENT_SECONDS = 40;
    static final double NEAR_SECONDS = 180;
    static final double NEAR = 0.45;
    static final double ANYWHERE = 0.53;

    private SameIdea() {
    }

    /**
     * How close two passages of an episode this long must start to be one thread of speech: 40 s in a podcast, less
     * in a short one (a 5-minute show of quick tips gives one every 15 s; a one-minute clip has no such rule).
     */
    public static double threadSeconds(double episodeSeconds) {
        return Math.min(ADJACENT_SECONDS, episodeSeconds / 20);
    }

    /** True when {@code a} and {@code b}, both from one episode, say the same thing. */
    public static boolean inOneEpisode(Insight a, Insight b, double threadSeconds) {
        return inOneEpisode(Vectors.dot(a.embedding(), b.embedding()), Math.abs(a.startSeconds() - b.startSeconds()),
                threadSeconds);
    }

    /**
     * The same, from the passages' likeness (cosine of their embeddings), the seconds between their starts, and
     * {@link #threadSeconds} of the episode (0 where its length is unknown: likeness alone decides).
     */
    public static boolean inOneEpisode(double likeness, double secondsApart, double threadSeconds) {
        return secondsApart <= threadSeconds || likeness >= ANYWHERE
                || (likeness >= NEAR && secondsApart <= NEAR_SECONDS);
    }
}
