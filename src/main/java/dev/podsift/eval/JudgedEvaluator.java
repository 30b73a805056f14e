package dev.podsift.eval;

import dev.podsift.insight.InsightExtractor;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the extractor's top 5 of one episode against a reader's verdicts: a pick takes the verdict of the judged
 * passage it mostly covers (at least half of the shorter of the two, in the transcript's plain text); a pick no
 * verdict covers is unjudged and reported, to be judged and added, never counted as kept or rejected.
 */
public final class JudgedEvaluator {
    static final String KEPT = "kept";
    static final String REJECTED = "rejected";
    static final String UNJUDGED = "unjudged";

    /**
     * The top 5 of one episode, each pick's verdict (kept, rejected or unjudged: by most of its readers) and the
     * share of readers who kept it (NaN when unjudged), in rank order.
     */
    public record Result(String transcript, List<Insight> top, List<String> verdicts, List<Double> keep) {
        /** Kept picks, a pick readers split on counting for the share that kept it. */
        public double kept() {
            return keep.stream().filter(k -> !k.isNaN()).mapToDouble(Double::doubleValue).sum();
        }

        public long judged() {
            return verdicts.stream().filter(v -> !UNJUDGED.equals(v)).count();
        }
    }

    private final InsightExtractor extractor;

    public JudgedEvaluator(InsightExtractor extractor) {
        this.extractor = extractor;
    }

    public Result evaluate(String transcriptPath, Transcript transcript, List<JudgedSet.Passage> passages) {
        return judge(transcriptPath, transcript, extractor.extract(transcript, 5), passages);
    }

    /** The verdicts of any picks of one episode (a day's digest's, say): each that of the passage it mostly covers. */
    public static Result judge(String transcriptPath, Transcript transcript, List<Insight> top,
                               List<JudgedSet.Passage> passages) {
        String plain = transcript.plainText();
        List<int[]> spans = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        for (JudgedSet.Passage p : passages) {
            String q = p.quote().replaceAll("\\s+", " ").trim();
            int at = plain.indexOf(q);
            if (at >= 0) {
                spans.add(new int[] {at, at + q.length()});
                kept.add(p.keep());
            }
        }
        List<String> verdicts = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (Insight in : top) {
            String q = in.quote().replaceAll("\\s+", " ");
            int at = plain.indexOf(q);
            String verdict = UNJUDGED;
            double share = Double.NaN;
            int best = 0;
            for (int k = 0; at >= 0 && k < spans.size(); k++) {
                int[] s = spans.get(k);
                int overlap = Math.min(at + q.length(), s[1]) - Math.max(at, s[0]);
                int shorter = Math.min(q.length(), s[1] - s[0]);
                if (overlap * 2 >= shorter && overlap > best) {
                    best = overlap;
                    share = kept.get(k);
                    verdict = share > 0.5 ? KEPT : REJECTED;
                }
            }
            verdicts.add(verdict);
            shares.add(share);
        }
        return new Result(transcriptPath, top, verdicts, shares);
    }
}
