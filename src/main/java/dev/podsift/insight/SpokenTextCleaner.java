package dev.podsift.insight;

import java.util.regex.Pattern;

/**
 * Turns a verbatim spoken quote into readable text: drops fillers ("um", "you know", "I mean"), stammered repeats
 * ("the the"), false starts ("it's -- it's") and leading connectives ("So,", "And", "Yeah,"), then fixes
 * capitals and the final full stop. The meaning never changes: only words that carry none are removed.
 */
public final class SpokenTextCleaner {
    private static final Pattern FILLERS = Pattern.compile(
            "(?i)(?<![\\w'-])(?:mm+-hmm+|uh-huh|um+|uh+|erm|er|ah|hmm+|mm+)(?![\\w'-])[,.]?\\s*");
    private static final Pattern PHRASE_FILLERS = Pattern.compile(
            "(?i),?\\s*\\b(?:you know|I mean|kind of like|sort of like)\\b,\\s*");
    private static final Pattern REPEATS = Pattern.compile("(?i)\\b(\\w+(?:'\\w+)?)(?:,?\\s+\\1\\b)+");
    private static final Pattern FALSE_START = Pattern.compile("\\s*(?:--|—|–)\\s*");
    private static final Pattern LEADING = Pattern.compile(
            "^(?i)(?:(?:so|and|but|yeah|yes|well|right|okay|ok|oh|now|like|also|because|anyway|I think that|I think)"
                    + "\\b[,.]?\\s+)+");

    public String clean(String quote) {
        String s = FILLERS.matcher(quote).replaceAll("");
        s = PHRASE_FILLERS.matcher(s).replaceAll(" ");
        s = FALSE_START.matcher(s).replaceAll(" ");
        s = REPEATS.matcher(s).replaceAll("$1");
        s = s.replaceAll("\\.\\.\\.+", ".").replaceAll("\\s+([,.?!])", "$1").replaceAll("\\s+", " ").trim();
        s = LEADING.matcher(s).replaceFirst("");
        s = capitaliseSentences(s);
        if (!s.isEmpty() && ".?!".indexOf(s.charAt(s.length() - 1)) < 0) {
            s = s.replaceAll("[,;:]$", "") + ".";
        }
        return s;
    }

    private static String capitaliseSentences(String s) {
        StringBuilder b = new StringBuilder(s);
        boolean start = true;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (start && Character.isLetter(c)) {
                b.setCharAt(i, Character.toUpperCase(c));
                start = false;
            } else if (c == '.' || c == '?' || c == '!') {
                start = i + 1 < b.length() && b.charAt(i + 1) == ' ';
            } else if (!Character.isWhitespace(c)) {
                start = false;
            }
        }
        return b.toString();
    }
}
