package dev.podsift.asr;

import dev.podsift.model.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a recogniser's bare lower-case words into readable sentences for the insight extractor: a sentence ends at
 * a long pause, or at a shorter pause once it has some length, or before a word that usually opens a new thought
 * ("so", "but", "now"…) after a breath; it starts with a capital, "i" becomes "I", and it ends with a full stop, or a
 * question mark when it opens like a question. Each sentence keeps the time of its first and last word.
 */
public final class SentenceMaker {
    static final double LONG_PAUSE = 0.7;
    static final double SHORT_PAUSE = 0.3;
    static final double BREATH = 0.15;
    static final int MIN_WORDS_AT_SHORT_PAUSE = 10;
    static final int MIN_WORDS_AT_OPENER = 8;
    static final int MAX_WORDS = 45;
    private static final Set<String> OPENERS = Set.of("so", "but", "now", "and so", "because", "however", "okay",
            "well", "anyway", "actually", "basically");
    private static final Set<String> QUESTION_WORDS = Set.of("what", "why", "how", "who", "where", "when", "which");
    private static final Set<String> AUXILIARIES = Set.of("do", "does", "did", "is", "are", "was", "were", "can",
            "could", "would", "should", "will", "have", "has");
    private static final Set<String> PRONOUNS = Set.of("you", "we", "they", "it", "i", "he", "she", "there", "that",
            "this", "your");

    /** The sentences of {@code words}, in order. */
    public List<Segment> sentences(List<Word> words) {
        List<Segment> out = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (!current.isEmpty()) {
                double gap = w.start() - current.get(current.size() - 1).end();
                int n = current.size();
                boolean end = gap >= LONG_PAUSE
                        || (gap >= SHORT_PAUSE && n >= MIN_WORDS_AT_SHORT_PAUSE)
                        || (gap >= BREATH && n >= MIN_WORDS_AT_OPENER && opens(words, i))
                        || n >= MAX_WORDS;
                if (end) {
                    out.add(sentence(current));
                    current = new ArrayList<>();
                }
            }
            current.add(w);
        }
        if (!current.isEmpty()) {
            out.add(sentence(current));
        }
        return out;
    }

    private static boolean opens(List<Word> words, int i) {
        String w = words.get(i).text().toLowerCase(Locale.ROOT);
        String two = i + 1 < words.size() ? w + " " + words.get(i + 1).text().toLowerCase(Locale.ROOT) : w;
        return OPENERS.contains(w) || OPENERS.contains(two);
    }

    private static Segment sentence(List<Word> words) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(fixCase(w.text()));
        }
        String first = words.get(0).text().toLowerCase(Locale.ROOT);
        String second = words.size() > 1 ? words.get(1).text().toLowerCase(Locale.ROOT) : "";
        boolean question = QUESTION_WORDS.contains(first) && (AUXILIARIES.contains(second) || second.endsWith("'s"))
                || AUXILIARIES.contains(first) && PRONOUNS.contains(second);
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        sb.append(question ? '?' : '.');
        return new Segment(words.get(0).start(), words.get(words.size() - 1).end(), null, sb.toString());
    }

    private static String fixCase(String word) {
        if (word.equals("i") || word.startsWith("i'")) {
            return "I" + word.substring(1);
        }
        return word;
    }
}
