package dev.podsift.insight;

import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the best standalone lessons in one whole transcript: every window of 1–3 consecutive sentences by one
 * speaker is a candidate (nothing is truncated), scored by {@link InsightScorer}; the best non-overlapping,
 * non-repeating windows win. Each insight keeps its verbatim quote and start/end seconds.
 */
public final class InsightExtractor {
    private static final int MAX_WINDOW_SENTENCES = 3;
    private static final int MAX_WINDOW_WORDS = 90;
    private static final double SAME_IDEA = 0.82;
    /** Below this a window is chit-chat, not a candidate, however few better ones an episode has. */
    private static final double MIN_SCORE = 0.3;
    private static final int MIN_WORDS = 6;

    private final Embedder embedder;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final SpokenTextCleaner cleaner = new SpokenTextCleaner();
    private final InsightScorer scorer = new InsightScorer();
    private List<float[]> positive;
    private List<float[]> negative;

    public InsightExtractor(Embedder embedder) {
        this.embedder = embedder;
    }

    private record Window(int from, int to, String quote, float[] embedding, InsightScorer.Parts parts) {
    }

    /** The best {@code max} insights of {@code transcript}, best first. */
    public List<Insight> extract(Transcript transcript, int max) {
        loadPrototypes();
        SentenceSplitter.Result split = splitter.split(transcript);
        List<Sentence> sentences = split.sentences();
        if (sentences.isEmpty()) {
            return List.of();
        }
        int n = sentences.size();
        List<String> texts = new ArrayList<>(n);
        for (Sentence s : sentences) {
            texts.add(s.text());
        }
        float[][] emb = embedder.embed(texts);
        float[] centroid = Vectors.mean(emb, 0, n);
        String plain = split.plainText();
        // Everything a window needs is precomputed per sentence: cue counts, dot products with each prototype and
        // the centroid, and with the next two sentences. A window's similarity to a prototype is then the sum of
        // its sentences' dot products over the length of their summed vector, with no 384-dimension work per window.
        InsightScorer.Cues[] cues = new InsightScorer.Cues[n];
        double[] sentenceText = new double[n];
        double[][] pos = new double[n][];
        double[][] neg = new double[n][];
        double[] cen = new double[n];
        double[][] next = new double[n][2];
        for (int i = 0; i < n; i++) {
            cues[i] = scorer.cues(texts.get(i));
            sentenceText[i] = scorer.textScore(cues[i]);
            pos[i] = dots(emb[i], positive);
            neg[i] = dots(emb[i], negative);
            cen[i] = Vectors.dot(emb[i], centroid);
            for (int k = 1; k <= 2 && i + k < n; k++) {
                next[i][k - 1] = Vectors.dot(emb[i], emb[i + k]);
            }
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InsightScorer.Cues c = null;
            double weakest = 0;
            double normSq = 0;
            double[] posSum = new double[positive.size()];
            double[] negSum = new double[negative.size()];
            double cenSum = 0;
            for (int j = i; j < Math.min(n, i + MAX_WINDOW_SENTENCES); j++) {
                Sentence s = sentences.get(j);
                if (j > i && !same(s.speaker(), sentences.get(i).speaker())) {
                    break;
                }
                c = c == null ? cues[j] : c.plus(cues[j]);
                if (c.words() > MAX_WINDOW_WORDS && j > i) {
                    break;
                }
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
                InsightScorer.Parts parts = scorer.score(c, max(posSum) / norm, max(negSum) / norm, cenSum / norm,
                        weakest);
                windows.add(new Window(i, j + 1, null, null, parts));
            }
        }
        windows.sort(Comparator.comparingDouble((Window w) -> w.parts().score()).reversed());
        List<Window> chosen = new ArrayList<>();
        boolean[] used = new boolean[n];
        for (Window candidate : windows) {
            if (chosen.size() >= max || candidate.parts().score() < MIN_SCORE) {
                break;
            }
            if (overlaps(used, candidate)) {
                continue;
            }
            Window w = new Window(candidate.from(), candidate.to(),
                    plain.substring(sentences.get(candidate.from()).charStart(), sentences.get(candidate.to() - 1).charEnd()),
                    Vectors.mean(emb, candidate.from(), candidate.to()), candidate.parts());
            if (repeats(chosen, w)) {
                continue;
            }
            chosen.add(w);
            for (int k = w.from(); k < w.to(); k++) {
                used[k] = true;
            }
        }
        List<Window> kept = new ArrayList<>();
        List<String> texts2 = new ArrayList<>();
        for (Window w : chosen) {
            String text = cleaner.clean(w.quote());
            if (text.split(" ").length >= MIN_WORDS) {
                kept.add(w);
                texts2.add(text);
            }
        }
        // The few winners are embedded again as whole passages: a better vector than the mean of their sentences
        // for what comes next (merging the same idea across shows, novelty against past digests).
        float[][] whole = embedder.embed(texts2);
        List<Insight> out = new ArrayList<>(kept.size());
        for (int k = 0; k < kept.size(); k++) {
            Window w = kept.get(k);
            Sentence first = sentences.get(w.from());
            Sentence last = sentences.get(w.to() - 1);
            out.add(new Insight(texts2.get(k), w.quote(), first.start(), last.end(), w.parts().score(),
                    first.speaker(), whole[k]));
        }
        return out;
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

    private static boolean overlaps(boolean[] used, Window w) {
        for (int k = w.from(); k < w.to(); k++) {
            if (used[k]) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeats(List<Window> chosen, Window w) {
        for (Window c : chosen) {
            if (Vectors.dot(c.embedding(), w.embedding()) > SAME_IDEA) {
                return true;
            }
        }
        return false;
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
        try (InputStream in = InsightExtractor.class.getResourceAsStream("prototypes.txt");
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
