package dev.podsift.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every candidate window of one transcript with what the first stage scores it by: each run of 1–3 sentences by one
 * speaker (up to 5, read by the judge alone), never across a sponsor read or a teaser, with its text cues and its
 * likeness to the bundled lesson-like and chit-chat prototypes and to the episode's centroid.
 */
final class CandidateWindows {
    private static final int MAX_WINDOW_SENTENCES = 3;
    private static final int MAX_WINDOW_WORDS = 90;
    /**
     * Wider windows, up to this many sentences and words, are read by the judge alone (the first stage was fitted on
     * windows of at most 3 sentences): a thought that needs a sentence more to land, or the one it leans on.
     */
    private static final int WIDE_WINDOW_SENTENCES = 5;
    private static final int WIDE_WINDOW_WORDS = 140;
    /** How often the loops over sentences and windows look at the deadline. */
    static final int CHECK_EVERY = 256;

    private final Embedder embedder;
    private final InsightScorer scorer;
    private List<float[]> positive;
    private List<float[]> negative;

    CandidateWindows(Embedder embedder, InsightScorer scorer) {
        this.embedder = embedder;
        this.scorer = scorer;
    }

    /** Every window of the sentences {@code limits} allow, embedded and featurised. */
    InsightExtractor.Candidates of(SentenceSplitter.Result split, InsightExtractor.Limits limits) {
        loadPrototypes();
        Deadline deadline = limits.deadline();
        deadline.check();
        List<Sentence> sentences = split.sentences();
        if (sentences.size() > limits.maxSentences()) {
            sentences = sentences.subList(0, limits.maxSentences()); // quotes index the plain text: still valid
        }
        int n = sentences.size();
        if (n == 0) {
            return new InsightExtractor.Candidates(sentences, split.plainText(), new float[0][], List.of());
        }
        List<String> texts = new ArrayList<>(n);
        for (Sentence s : sentences) {
            texts.add(s.text());
        }
        float[][] emb = embedder.embed(texts);
        deadline.check();
        float[] centroid = Vectors.mean(emb, 0, n);
        // Everything a window needs is precomputed per sentence: cue counts, dot products with each prototype and
        // the centroid, and with the next two sentences. A window's similarity to a prototype is then the sum of
        // its sentences' dot products over the length of their summed vector, with no 384-dimension work per window.
        InsightScorer.Cues[] cues = new InsightScorer.Cues[n];
        double[] sentenceText = new double[n];
        double[][] pos = new double[n][];
        double[][] neg = new double[n][];
        double[] cen = new double[n];
        double[][] next = new double[n][WIDE_WINDOW_SENTENCES - 1];
        for (int i = 0; i < n; i++) {
            if (i % CHECK_EVERY == 0) {
                deadline.check();
            }
            cues[i] = scorer.cues(texts.get(i));
            sentenceText[i] = scorer.textScore(cues[i]);
            pos[i] = dots(emb[i], positive);
            neg[i] = dots(emb[i], negative);
            cen[i] = Vectors.dot(emb[i], centroid);
            for (int k = 1; k < WIDE_WINDOW_SENTENCES && i + k < n; k++) {
                next[i][k - 1] = Vectors.dot(emb[i], emb[i + k]);
            }
        }
        boolean[] ad = AdSpans.of(sentences);
        boolean[] teaser = Teasers.of(sentences);
        List<InsightExtractor.Candidate> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % CHECK_EVERY == 0) {
                deadline.check();
            }
            InsightScorer.Cues c = null;
            double weakest = 0;
            double normSq = 0;
            double[] posSum = new double[positive.size()];
            double[] negSum = new double[negative.size()];
            double cenSum = 0;
            for (int j = i; j < Math.min(n, i + WIDE_WINDOW_SENTENCES); j++) {
                Sentence s = sentences.get(j);
                if (ad[j] || teaser[j] || (j > i && !same(s.speaker(), sentences.get(i).speaker()))) {
                    break; // sponsor reads and previews of a later passage are never insights, nor part of one
                }
                c = c == null ? cues[j] : c.plus(cues[j]);
                if (c.words() > WIDE_WINDOW_WORDS && j > i) {
                    break;
                }
                boolean wide = j - i + 1 > MAX_WINDOW_SENTENCES || c.words() > MAX_WINDOW_WORDS && j > i;
                if (j > i) {
                    weakest = Math.min(weakest, sentenceText[j]);
                }
                normSq += 1;
                for (int k = i; k < j; k++) {
                    normSq += 2 * next[k][j - k - 1];
                }
                double norm = Math.sqrt(Math.max(1e-9, normSq));
                add(posSum, pos[j]);
                add(negSum, neg[j]);
                cenSum += cen[j];
                double p = max(posSum) / norm;
                double q = max(negSum) / norm;
                double r = cenSum / norm;
                InsightScorer.Parts hand = scorer.score(c, p, q, r, weakest);
                windows.add(new InsightExtractor.Candidate(i, j + 1,
                        WindowFeatures.of(c, j - i + 1, p, q, r, weakest, hand.logit()), norm, wide));
            }
        }
        return new InsightExtractor.Candidates(sentences, split.plainText(), emb, windows);
    }

    private static double[] dots(float[] v, List<float[]> prototypes) {
        double[] out = new double[prototypes.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = Vectors.dot(v, prototypes.get(p));
        }
        return out;
    }

    private static void add(double[] sum, double[] v) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += v[k];
        }
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private synchronized void loadPrototypes() {
        if (positive != null) {
            return;
        }
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        try (InputStream in = CandidateWindows.class.getResourceAsStream("prototypes.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("+ ")) {
                    pos.add(line.substring(2));
                } else if (line.startsWith("- ")) {
                    neg.add(line.substring(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled insight prototypes", e);
        }
        positive = List.of(embedder.embed(pos));
        negative = List.of(embedder.embed(neg));
    }
}
