package dev.podsift.insight;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a transcript's plain text (segments joined, whitespace collapsed: the text quotes are checked against)
 * into sentences with times interpolated inside their segments. Captions cut sentences mid-way, so segment
 * borders are not sentence borders, except where the speaker changes.
 */
public final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e",
            "u.s", "jr", "sr", "prof", "inc", "no", "approx", "dept", "fig", "mt", "ca");
    private static final int MAX_WORDS = 70;

    /** The plain text and its sentences. */
    public record Result(String plainText, List<Sentence> sentences) {
    }

    public Result split(Transcript transcript) {
        StringBuilder text = new StringBuilder();
        List<Segment> segs = new ArrayList<>();
        List<Integer> segStart = new ArrayList<>();
        for (Segment s : transcript.segments()) {
            String t = s.text().replaceAll("\\s+", " ").trim();
            if (t.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            segStart.add(text.length());
            segs.add(s);
            text.append(t);
        }
        String plain = text.toString();
        List<Sentence> out = new ArrayList<>();
        int sentenceStart = 0;
        int seg = 0;
        for (int i = 0; i < plain.length(); i++) {
            while (seg + 1 < segs.size() && segStart.get(seg + 1) <= i) {
                seg++;
            }
            boolean speakerChange = seg + 1 < segs.size() && segStart.get(seg + 1) == i + 2
                    && !same(segs.get(seg).speaker(), segs.get(seg + 1).speaker());
            boolean end = i + 1 == plain.length() || speakerChange || isBoundary(plain, i);
            if (end) {
                addSentence(out, plain, sentenceStart, i + 1, segs, segStart);
                sentenceStart = i + 2;
            }
        }
        return new Result(plain, out);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** True when the sentence ends at {@code i}: terminal punctuation, then a space and a capital, digit or quote. */
    private static boolean isBoundary(String s, int i) {
        char c = s.charAt(i);
        int j = i + 1;
        if (c == '"' || c == '\'' || c == ')' || c == '”' || c == '’') {
            if (i == 0) {
                return false;
            }
            c = s.charAt(i - 1);
        }
        if (c != '.' && c != '?' && c != '!') {
            return false;
        }
        if (j + 1 >= s.length() || s.charAt(j) != ' ') {
            return false;
        }
        char next = s.charAt(j + 1);
        if (!(Character.isUpperCase(next) || Character.isDigit(next) || next == '"' || next == '“' || next == '\'')) {
            return false;
        }
        if (c == '.') {
            int w = s.lastIndexOf(' ', i - 1);
            String word = s.substring(w + 1, i).toLowerCase(Locale.ROOT);
            if (ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)))) {
                return false;
            }
        }
        return true;
    }

    private static void addSentence(List<Sentence> out, String plain, int from, int to, List<Segment> segs,
                                    List<Integer> segStart) {
        if (from >= to) {
            return;
        }
        String[] words = plain.substring(from, to).split(" ");
        if (words.length <= MAX_WORDS) {
            out.add(sentence(plain, from, to, segs, segStart));
            return;
        }
        // unpunctuated speech: cut into pieces of about 40 words, preferring a comma
        int pos = from;
        while (pos < to) {
            int limit = pos;
            int count = 0;
            int comma = -1;
            while (limit < to && count < 45) {
                int sp = plain.indexOf(' ', limit + 1);
                limit = sp < 0 || sp > to ? to : sp;
                count++;
                if (count > 20 && plain.charAt(limit - 1) == ',') {
                    comma = limit;
                }
            }
            int cut = limit >= to ? to : (comma > 0 ? comma : limit);
            out.add(sentence(plain, pos, cut, segs, segStart));
            pos = cut + 1;
        }
    }

    private static Sentence sentence(String plain, int from, int to, List<Segment> segs, List<Integer> segStart) {
        int a = segmentAt(segStart, from);
        int b = segmentAt(segStart, Math.max(from, to - 1));
        return new Sentence(plain.substring(from, to), from, to, timeAt(plain, segs, segStart, a, from),
                timeAt(plain, segs, segStart, b, to), segs.get(a).speaker());
    }

    private static int segmentAt(List<Integer> starts, int pos) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static double timeAt(String plain, List<Segment> segs, List<Integer> starts, int seg, int pos) {
        Segment s = segs.get(seg);
        int begin = starts.get(seg);
        int end = seg + 1 < starts.size() ? starts.get(seg + 1) - 1 : plain.length();
        double frac = end <= begin ? 0 : Math.min(1, Math.max(0, (double) (pos - begin) / (end - begin)));
        return Math.round((s.start() + (s.end() - s.start()) * frac) * 10) / 10.0;
    }
}
