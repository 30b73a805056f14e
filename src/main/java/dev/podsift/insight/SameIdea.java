package dev.podsift.insight;

import dev.podsift.model.Insight;

/**
 * Whether two passages of one episode make the same point. A speaker who comes back to a point a minute later says
 * it in other words, so passages close in time need less likeness to count as one idea than passages far apart.
 * Set on the top 10 of 40 Lenny's Podcast episodes (other than the ten kept for the reader panel): pairs within
 * three minutes at 0.58 or more were restatements ("look at edge cases and fail states", 0.76 at 81 s; "the roadmap
 * is a prototype of your strategy", 0.61 at 42 s), pairs further apart below 0.70 were neighbouring points.
 */
public final class SameIdea {
    static final double NEAR_SECONDS = 180;
    static final double NEAR = 0.58;
    static final double ANYWHERE = 0.70;

    private SameIdea() {
    }

    /** True when {@code a} and {@code b}, both from one episode, say the same thing. */
    public static boolean inOneEpisode(Insight a, Insight b) {
        return inOneEpisode(Vectors.dot(a.embedding(), b.embedding()), Math.abs(a.startSeconds() - b.startSeconds()));
    }

    /** The same, from the passages' likeness (cosine of their embeddings) and the seconds between them. */
    public static boolean inOneEpisode(double likeness, double secondsApart) {
        return likeness >= ANYWHERE || (likeness >= NEAR && secondsApart <= NEAR_SECONDS);
    }
}
