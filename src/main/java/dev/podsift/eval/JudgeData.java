package dev.podsift.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.InsightExtractor;
import dev.podsift.insight.JudgeModel;
import dev.podsift.insight.SpokenTextCleaner;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judge's training examples of one episode: each passage readers judged, and each candidate the hero editor
 * judged, found again among the episode's candidate windows (the same window, or the one sharing most of its
 * sentences) and described as the judge sees a window: {@link JudgeModel#input} of its features, neighbourhood and
 * whole-text embedding. Labels: the share of readers who kept it and their mean score; the hero's score / 10 (0 when
 * it is no lesson; a repeat of an earlier candidate says nothing of the passage itself and is left out).
 */
public final class JudgeData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example; {@code keep}, {@code score} and {@code hero} are null where that label is missing. */
    public record Example(String transcript, boolean heldBack, String kind, Double keep, Double score, Integer readers,
                          Double hero, double first, int from, int to, String text, double[] x) {
    }

    private final InsightExtractor extractor;
    private final Embedder embedder;
    private final SpokenTextCleaner cleaner = new SpokenTextCleaner();

    public JudgeData(InsightExtractor extractor, Embedder embedder) {
        this.extractor = extractor;
        this.embedder = embedder;
    }

    /** Passages not found in the transcript are counted in {@code missing}. */
    public List<Example> examples(String path, boolean heldBack, Transcript t, List<JudgedSet.Passage> verdicts,
                                  List<JsonNode> hero, int[] missing) {
        InsightExtractor.Candidates all = extractor.candidates(t);
        double[] first = extractor.score(all);
        Map<Long, Integer> byRange = new LinkedHashMap<>();
        for (int k = 0; k < all.windows().size(); k++) {
            byRange.put(key(all.windows().get(k).from(), all.windows().get(k).to()), k);
        }
        List<Object[]> found = new ArrayList<>(); // {window index, label kind, keep, score, readers, hero}
        for (JudgedSet.Passage p : verdicts) {
            int w = window(all, byRange, p.quote());
            if (w < 0) {
                missing[0]++;
                continue;
            }
            found.add(new Object[] {w, "reader", p.keep(), Double.isNaN(p.score()) ? null : p.score(), p.readers(),
                    null});
        }
        for (JsonNode h : hero) {
            if (!h.path("repeats").isNull()) {
                continue;
            }
            int w = window(all, byRange, h.path("passage").asText());
            if (w < 0) {
                missing[0]++;
                continue;
            }
            boolean lesson = h.path("lesson").asBoolean(false);
            found.add(new Object[] {w, "hero", null, null, null, lesson ? h.path("score").asDouble(0) / 10 : 0.0});
        }
        List<String> texts = new ArrayList<>();
        for (Object[] f : found) {
            texts.add(cleaner.clean(all.quote(all.windows().get((Integer) f[0]))));
        }
        float[][] vectors = embedder.embed(texts);
        List<Example> out = new ArrayList<>();
        var around = new dev.podsift.insight.Neighbourhood(all, t.durationSeconds());
        for (int i = 0; i < found.size(); i++) {
            Object[] f = found.get(i);
            InsightExtractor.Candidate c = all.windows().get((Integer) f[0]);
            double[] x = JudgeModel.input(all, around, c, vectors[i]);
            out.add(new Example(path, heldBack, (String) f[1], (Double) f[2], (Double) f[3], (Integer) f[4],
                    (Double) f[5], first[(Integer) f[0]], c.from(), c.to(), texts.get(i), x));
        }
        return out;
    }

    /**
     * The candidate window of a verbatim passage: the sentences it covers (at least half of each), as a window when
     * there is one, else the window sharing most sentences with them (at least half of the union); -1 if none.
     */
    private static int window(InsightExtractor.Candidates all, Map<Long, Integer> byRange, String quote) {
        String q = quote.replaceAll("\\s+", " ").trim();
        int at = all.plain().indexOf(q);
        if (at < 0) {
            return -1;
        }
        int end = at + q.length();
        int from = -1;
        int to = -1;
        for (int i = 0; i < all.sentences().size(); i++) {
            var s = all.sentences().get(i);
            int overlap = Math.min(end, s.charEnd()) - Math.max(at, s.charStart());
            if (overlap * 2 >= s.charEnd() - s.charStart() && overlap > 0) {
                from = from < 0 ? i : from;
                to = i + 1;
            }
        }
        if (from < 0) {
            return -1;
        }
        Integer exact = byRange.get(key(from, to));
        if (exact != null) {
            return exact;
        }
        int best = -1;
        double bestJaccard = 0.5;
        for (int k = 0; k < all.windows().size(); k++) {
            var c = all.windows().get(k);
            int inter = Math.min(to, c.to()) - Math.max(from, c.from());
            if (inter <= 0) {
                continue;
            }
            double jaccard = inter / (double) (Math.max(to, c.to()) - Math.min(from, c.from()));
            if (jaccard >= bestJaccard) {
                bestJaccard = jaccard;
                best = k;
            }
        }
        return best;
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | to;
    }

    /** One example as a JSON line. */
    public static String json(Example e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
