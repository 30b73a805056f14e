package dev.podsift.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate: word-level edit distance between a reference and a hypothesis, over the reference's length. */
public final class Wer {
    private Wer() {
    }

    /** Lower case, digits and letters only, split on anything else. */
    public static List<String> words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ").replace("'", "").trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    public static double rate(String reference, String hypothesis) {
        return rate(words(reference), words(hypothesis));
    }

    public static double rate(List<String> ref, List<String> hyp) {
        return ref.isEmpty() ? (hyp.isEmpty() ? 0 : 1) : distance(ref, hyp) / (double) ref.size();
    }

    public static int distance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** Index pairs (i in a, j in b) of the words an optimal edit alignment keeps unchanged. */
    public static List<int[]> matches(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int sub = d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        int i = a.size();
        int j = b.size();
        while (i > 0 && j > 0) {
            boolean same = a.get(i - 1).equals(b.get(j - 1));
            if (d[i][j] == d[i - 1][j - 1] + (same ? 0 : 1)) {
                if (same) {
                    out.add(new int[] {i - 1, j - 1});
                }
                i--;
                j--;
            } else if (d[i][j] == d[i - 1][j] + 1) {
                i--;
            } else {
                j--;
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
