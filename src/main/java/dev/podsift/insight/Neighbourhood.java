package dev.podsift.insight;

import java.util.List;

/**
 * Where a passage sits among the sentences around it: what a reader of the passage alone does not see. Whether it
 * opens a speaker's turn, whether another speaker asked a question within the two sentences before it (it answers
 * that question), how far into a turn it starts, whether its first sentence
 * continues the one before (embedding likeness), whether it closes the turn, where it falls in the episode, and who
 * speaks: the speaker's share of the episode's words and of their sentences that are questions (a host asks, a guest
 * answers).
 */
public final class Neighbourhood {
    public static final List<String> NAMES = List.of("turn_start", "after_question", "into_turn", "leans_back",
            "turn_end", "position", "at_edge", "speaker_share", "speaker_asks");

    private Neighbourhood() {
    }

    /** The features of sentences [from, to) of {@code all}; {@code duration} is the episode's length in seconds. */
    public static double[] of(InsightExtractor.Candidates all, int from, int to, double duration) {
        List<Sentence> s = all.sentences();
        Sentence first = s.get(from);
        boolean turnStart = from == 0 || !same(s.get(from - 1).speaker(), first.speaker());
        boolean afterQuestion = false;
        for (int i = from - 1; i >= Math.max(0, from - 2); i--) {
            if (!same(s.get(i).speaker(), first.speaker())) {
                afterQuestion = s.get(i).text().trim().endsWith("?");
                break;
            }
        }
        int into = 0;
        for (int i = from - 1; i >= 0 && same(s.get(i).speaker(), first.speaker()) && into < 10; i--) {
            into++;
        }
        double leansBack = from == 0 ? 0 : Vectors.dot(all.embeddings()[from - 1], all.embeddings()[from]);
        boolean turnEnd = to >= s.size() || !same(s.get(to).speaker(), s.get(to - 1).speaker());
        double position = duration > 0 ? Math.min(1, first.start() / duration) : (double) from / s.size();
        double words = 0;
        double theirs = 0;
        double sentences = 0;
        double asks = 0;
        for (Sentence x : s) {
            int w = x.words();
            words += w;
            if (same(x.speaker(), first.speaker())) {
                theirs += w;
                sentences++;
                asks += x.text().trim().endsWith("?") ? 1 : 0;
            }
        }
        return new double[] {turnStart ? 1 : 0, afterQuestion ? 1 : 0, into / 10.0, leansBack, turnEnd ? 1 : 0,
                position, position < 0.05 || position > 0.95 ? 1 : 0, theirs / Math.max(1, words),
                asks / Math.max(1, sentences)};
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
