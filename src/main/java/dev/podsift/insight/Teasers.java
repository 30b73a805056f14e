package dev.podsift.insight;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds an episode's cold open: clips near the start that preview a passage said in full later ("Onboarding is the
 * only part of your product experience that everyone touches…" at 0:00, and again at 15:19). The later passage is
 * the real one, with its context and its true time; the preview is never a candidate, so the same idea is not
 * picked twice and never at the intro's time.
 */
public final class Teasers {
    /** How far into an episode a preview can sit: the first tenth, at least four minutes, at most eight. */
    private static final double MIN_INTRO = 240;
    private static final double MAX_INTRO = 480;
    /** A preview repeats its passage nearly word for word: half its four-word runs said again later. */
    private static final double SHARED = 0.5;
    /** Said again at least this much later: a speaker repeating a phrase in one breath is no preview. */
    private static final double LATER = 60;
    private static final int N = 4;

    private Teasers() {
    }

    /** {@code teaser[i]} is true when sentence {@code i} previews a passage said again later. */
    public static boolean[] of(List<Sentence> sentences) {
        int n = sentences.size();
        boolean[] teaser = new boolean[n];
        if (n == 0) {
            return teaser;
        }
        double end = sentences.get(n - 1).end();
        double intro = Math.min(MAX_INTRO, Math.max(MIN_INTRO, end / 10));
        int introCount = 0;
        while (introCount < n && sentences.get(introCount).start() < intro) {
            introCount++;
        }
        if (introCount == 0 || introCount == n) {
            return teaser;
        }
        // where each four-word run is said last: one pass over the episode
        Map<String, Double> lastSaid = new HashMap<>();
        for (Sentence s : sentences) {
            String[] w = words(s.text());
            for (int k = 0; k + N <= w.length; k++) {
                lastSaid.put(gram(w, k), s.start());
            }
        }
        for (int i = 0; i < introCount; i++) {
            Sentence s = sentences.get(i);
            String[] w = words(s.text());
            int grams = w.length - N + 1;
            if (grams < 2) {
                continue;
            }
            int again = 0;
            for (int k = 0; k < grams; k++) {
                Double last = lastSaid.get(gram(w, k));
                if (last != null && last >= s.start() + LATER) {
                    again++;
                }
            }
            teaser[i] = again >= SHARED * grams;
        }
        // a short sentence between two previews ("Right.", "And that's it.") belongs to them
        for (int i = 1; i + 1 < introCount; i++) {
            if (!teaser[i] && teaser[i - 1] && teaser[i + 1]) {
                teaser[i] = true;
            }
        }
        return teaser;
    }

    private static String[] words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static String gram(String[] w, int k) {
        return String.join(" ", java.util.Arrays.asList(w).subList(k, k + N));
    }
}
