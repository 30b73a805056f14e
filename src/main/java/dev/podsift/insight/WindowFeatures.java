package dev.podsift.insight;

import java.util.List;

/** The named features of one candidate window: what the learned scoring model weighs (plus the embedding). */
public final class WindowFeatures {
    public static final List<String> NAMES = List.of("lesson", "general", "quantity", "not_insight", "dangling",
            "refers_back", "anecdote", "hedge", "promo", "first_person", "name_density", "ends_question", "question",
            "trails_off", "words", "under_12_words", "under_20_words", "over_75_words", "sentences", "lesson_likeness",
            "talk_likeness", "centrality", "weakest_added", "hand_score");

    /**
     * The direction each feature may push a score, known before any data: +1 only up (advice cues, likeness to
     * lessons), -1 only down (sponsor talk, dangling openers, questions, product talk), 0 either way (length and
     * the like). Training keeps each learned weight on its side of zero: with a few hundred labelled windows an
     * unconstrained fit learned that a dangling opener or product talk makes an insight more likely.
     */
    public static final List<Integer> SIGNS = List.of(1, 1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, 0, 0,
            0, 1, -1, 0, 1, 1);

    private WindowFeatures() {
    }

    /** Features of a window from its summed cues, embedding similarities and the hand-set score's logit. */
    public static double[] of(InsightScorer.Cues c, int sentences, double positiveSim, double negativeSim,
                              double centroidSim, double weakestAdded, double handLogit) {
        int w = c.words();
        return new double[] {Math.min(3, c.lesson()), Math.min(3, c.general()), c.quantity() > 0 ? 1 : 0,
                Math.min(3, c.notInsight()), c.dangling() ? 1 : 0, c.refersBack() > 0 ? 1 : 0,
                Math.min(3, c.anecdote()), Math.min(3, c.hedge()), Math.min(3, c.promo()), Math.min(3, c.firstPerson()),
                (double) c.names() / Math.max(1, w), c.endsQuestion() ? 1 : 0, c.question() ? 1 : 0,
                c.trailsOff() ? 1 : 0, w / 50.0, w < 12 ? 1 : 0, w < 20 ? 1 : 0, w > 75 ? 1 : 0, sentences,
                positiveSim, negativeSim, centroidSim, weakestAdded, handLogit};
    }
}
