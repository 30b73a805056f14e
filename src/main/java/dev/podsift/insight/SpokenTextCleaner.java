package dev.podsift.insight;

import java.util.regex.Pattern;

/**
 * Turns a verbatim spoken quote into readable text: drops fillers ("um", "you know", "I mean"), stammered repeats
 * ("the the"), false starts ("it's -- it's") and leading connectives that carry no meaning ("So,", "And", "Yeah,"),
 * then fixes capitals and the final full stop. The meaning never changes: only words that carry none are removed.
 */
public final class SpokenTextCleaner {
    private static final Pattern FILLERS = Pattern.compile(
            "(?i)(?<![\\w'-])(?:mm+-hmm+|uh-huh|um+|uh+|erm|er|ah|hmm+|mm+)(?![\\w'-])[,.]?\\s*");
    private static final Pattern PHRASE_FILLERS = Pattern.compile(
            "(?i),?\\s*\\b(?:(?:you know|I mean),?\\s+like\\b,?|(?:you know|I mean|kind of like|sort of like)\\b,)\\s*");
    /**
     * A word said twice ("the the"); across a comma only for words that never end one clause and start the next
     * ("I, I think"), since "if you cache it, it is fast" says "it" twice on purpose.
     */
    private static final Pattern REPEATS = Pattern.compile("(?i)\\b(\\w+(?:'\\w+)?)(?:\\s+\\1\\b)+"
            + "|\\b(I|the|a|an|and|but|so|to|of|in|on|at|is|was|my|our)(?:,\\s+\\2\\b)+");
    private static final Pattern FALSE_START = Pattern.compile("\\s*(?:--|—|–)\\s*");
    /**
     * Leading connectives that carry no meaning in a standalone quote. Kept where they do: "So much less time"
     * ("so" as an intensifier), "Because of the cost" (dropping it leaves a fragment), "I think that, of course, is
     * wrong" ("that" is the subject there), "Like most teams", "Now that you have threads" ("like", "now" and "also"
     * go only when a comma marks them as fillers).
     */
    private static final Pattern LEADING = Pattern.compile("^(?i)(?:(?:(?:and|but|yeah|yes|well|right|okay|ok|oh|"
            + "anyway|I think that(?=\\s+(?:the|a|an|you|we|they|it|it's|people|most|many|every|if|when|there|our|"
            + "your|in|for)\\b)|I think(?!\\s+that\\b))\\b|so(?!\\s+(?:much|many|far|few|little|long|often|well|hard|"
            + "easy|easily|quickly|fast|slow|good|bad|big|great|important|different|simple|true|called)\\b))"
            + "(?:,\\s*|\\s+)|(?:like|now|also)\\b,\\s*)+");

    public String clean(String quote) {
        String s = FILLERS.matcher(quote).replaceAll("");
        s = PHRASE_FILLERS.matcher(s).replaceAll(" ");
        s = FALSE_START.matcher(s).replaceAll(" ");
        s = REPEATS.matcher(s).replaceAll(m -> m.group(1) != null ? m.group(1) : m.group(2));
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
