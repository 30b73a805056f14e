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
        List<Sentence> sentences = splitter.split(transcript).sentences();
        if (sentences.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            texts.add(s.text());
        }
        float[][] emb = embedder.embed(texts);
        float[] centroid = Vectors.mean(emb, 0, emb.length);
        String plain = splitter.split(transcript).plainText();
        double[] sentenceText = new double[sentences.size()];
        for (int i = 0; i < sentenceText.length; i++) {
            sentenceText[i] = scorer.textScore(sentences.get(i).text());
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int words = 0;
            double weakest = 0;
            for (int j = i; j < Math.min(sentences.size(), i + MAX_WINDOW_SENTENCES); j++) {
                Sentence s = sentences.get(j);
                if (j > i && !same(s.speaker(), sentences.get(i).speaker())) {
                    break;
                }
                words += s.words();
                if (words > MAX_WINDOW_WORDS && j > i) {
                    break;
                }
                if (j > i) {
                    weakest = Math.min(weakest, sentenceText[j]);
                }
                String quote = plain.substring(sentences.get(i).charStart(), s.charEnd());
                float[] v = Vectors.mean(emb, i, j + 1);
                InsightScorer.Parts parts = scorer.score(quote, words, InsightScorer.maxSim(v, positive),
                        InsightScorer.maxSim(v, negative), Vectors.dot(v, centroid), weakest);
                windows.add(new Window(i, j + 1, quote, v, parts));
            }
        }
        windows.sort(Comparator.comparingDouble((Window w) -> w.parts().score()).reversed());
        List<Window> chosen = new ArrayList<>();
        boolean[] used = new boolean[sentences.size()];
        for (Window w : windows) {
            if (chosen.size() >= max || w.parts().score() < MIN_SCORE) {
                break;
            }
            if (overlaps(used, w) || repeats(chosen, w)) {
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
