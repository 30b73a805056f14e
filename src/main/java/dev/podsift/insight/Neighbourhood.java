package dev.podsift.insight;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final InsightExtractor.Candidates all;
    private final double duration;
    /** Per speaker: share of the episode's words, share of their sentences that are questions. */
    private final Map<String, double[]> speakers = new HashMap<>();

    /**
     * The neighbourhood of every window of one episode; {@code duration} is its length in seconds. Who speaks how
     * much is counted once here, not per window.
     */
    public Neighbourhood(InsightExtractor.Candidates all, double duration) {
        this.all = all;
        this.duration = duration;
        double words = 0;
        Map<String, double[]> counts = new HashMap<>(); // words, sentences, questions
        for (Sentence x : all.sentences()) {
            int w = x.words();
            words += w;
            double[] c = counts.computeIfAbsent(x.speaker(), k -> new double[3]);
            c[0] += w;
            c[1]++;
            c[2] += x.text().trim().endsWith("?") ? 1 : 0;
        }
        for (var e : counts.entrySet()) {
            double[] c = e.getValue();
            speakers.put(e.getKey(), new double[] {c[0] / Math.max(1, words), c[2] / Math.max(1, c[1])});
        }
    }

    /** The features of sentences [from, to) of {@code all}; {@code duration} is the episode's length in seconds. */
    public static double[] of(InsightExtractor.Candidates all, int from, int to, double duration) {
        return new Neighbourhood(all, duration).at(from, to);
    }

    /** The features of sentences [from, to). */
    public double[] at(int from, int to) {
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
        double[] speaker = speakers.get(first.speaker());
        return new double[] {turnStart ? 1 : 0, afterQuestion ? 1 : 0, into / 10.0, leansBack, turnEnd ? 1 : 0,
                position, position < 0.05 || position > 0.95 ? 1 : 0, speaker[0], speaker[1]};
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
