package dev.podsift.eval;

import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.Vectors;
import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the extractor on one labelled episode. A pick "hits" a label when their spans in the transcript's plain
 * text overlap; the same for non-insights. Labels whose quote is not in the transcript are reported, not ignored.
 * Picks after {@code labelled_until} are not judged (precision counts only picks where labels exist).
 */
public final class Evaluator {
    static final double DUPLICATE = 0.85;

    /** The figures of one episode. */
    public record Result(String id, String split, int labels, double precisionAt5, double recallAt10,
                         double nonInsightRateAt5, double duplicateRateAt5, double verbatimShare,
                         List<String> missingLabels, List<Insight> top, List<String> verdicts) {
    }

    /** What the labels say of each pick: insight, non_insight, unlabelled, or after_labels (past labelled_until). */
    static final String INSIGHT = "insight";
    static final String NON_INSIGHT = "non_insight";
    static final String UNLABELLED = "unlabelled";
    static final String AFTER_LABELS = "after_labels";

    private final InsightExtractor extractor;

    public Evaluator(InsightExtractor extractor) {
        this.extractor = extractor;
    }

    public Result evaluate(EvalEpisode episode, Transcript transcript) {
        String plain = transcript.plainText();
        List<int[]> good = new ArrayList<>();
        List<int[]> bad = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        locate(plain, episode.insights(), good, missing);
        locate(plain, episode.nonInsights(), bad, missing);
        List<Insight> top = extractor.extract(transcript, 10);
        int hits5 = 0;
        int nonInsight5 = 0;
        int verbatim = 0;
        int duplicates = 0;
        List<int[]> spans = new ArrayList<>();
        for (Insight in : top) {
            int at = plain.indexOf(in.quote().replaceAll("\\s+", " "));
            spans.add(at < 0 ? null : new int[] {at, at + in.quote().length()});
            if (at >= 0) {
                verbatim++;
            }
        }
        double until = episode.labelledUntil() == null ? Double.MAX_VALUE : episode.labelledUntil();
        int judged = 0;
        for (int i = 0; i < Math.min(5, top.size()); i++) {
            int[] span = spans.get(i);
            // a pick after where labelling stopped can be neither a hit nor a miss
            if (top.get(i).startSeconds() > until) {
                continue;
            }
            judged++;
            if (span != null && overlapsAny(span, good)) {
                hits5++;
            }
            if (span != null && overlapsAny(span, bad)) {
                nonInsight5++;
            }
            for (int j = 0; j < i; j++) {
                if (Vectors.dot(top.get(i).embedding(), top.get(j).embedding()) >= DUPLICATE) {
                    duplicates++;
                    break;
                }
            }
        }
        int found = 0;
        for (int[] label : good) {
            for (int[] span : spans) {
                if (span != null && overlaps(span, label)) {
                    found++;
                    break;
                }
            }
        }
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            int[] span = spans.get(i);
            verdicts.add(top.get(i).startSeconds() > until ? AFTER_LABELS
                    : span != null && overlapsAny(span, good) ? INSIGHT
                    : span != null && overlapsAny(span, bad) ? NON_INSIGHT : UNLABELLED);
        }
        int n5 = Math.max(1, judged);
        return new Result(episode.id(), episode.split(), good.size(), (double) hits5 / n5,
                good.isEmpty() ? 0 : (double) found / good.size(), (double) nonInsight5 / n5,
                (double) duplicates / n5, top.isEmpty() ? 1 : (double) verbatim / top.size(), missing, top, verdicts);
    }

    private static void locate(String plain, List<EvalEpisode.Label> labels, List<int[]> out, List<String> missing) {
        if (labels == null) {
            return;
        }
        for (EvalEpisode.Label l : labels) {
            String q = l.quote().replaceAll("\\s+", " ").trim();
            int at = plain.indexOf(q);
            if (at < 0) {
                missing.add(q);
            } else {
                out.add(new int[] {at, at + q.length()});
            }
        }
    }

    private static boolean overlapsAny(int[] span, List<int[]> labels) {
        for (int[] l : labels) {
            if (overlaps(span, l)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(int[] a, int[] b) {
        return a[0] < b[1] && b[0] < a[1];
    }
}
