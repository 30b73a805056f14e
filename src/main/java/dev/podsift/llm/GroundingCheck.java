package dev.podsift.llm;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a rewrite says nothing its quote does not: every number and every capitalised name in the rewrite
 * must appear in the quote; the style limits hold (≤ 70 words, no "the guest said"). Semantic drift is checked
 * separately with embeddings.
 */
public final class GroundingCheck {
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    /**
     * A capitalised word inside a sentence, or one at its start that cannot be an ordinary word there: capitals
     * inside it (OpenAI), a possessive, or digits. A plain word opening a sentence ("Zorblax found…") is not caught.
     */
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{Ll},;:] )\\p{Lu}[\\p{L}\\d'-]+"
            + "|(?<=^|[.!?:] )\\p{Lu}(?:\\p{Ll}*\\p{Lu}[\\p{L}\\d'-]*|[\\p{L}-]*'s\\b|[\\p{L}-]*\\d[\\p{L}\\d-]*)");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i)\\b(the (guest|host|speaker|interviewee)s?|he said|she said|they said|according to)\\b");
    static final int MAX_WORDS = 70;

    /** An acronym: AI, LLM, SQL, VPs, CEOs'. */
    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}{2,6}(?:s|'s|s')?");

    /** Null when {@code rewrite} is grounded in {@code quote}; otherwise the reason it is not. */
    public String problem(String rewrite, String quote) {
        return problem(rewrite, quote, "");
    }

    /**
     * As {@link #problem(String, String)}, except that an acronym (AI, LLM, VPs) the quote does not say may come from
     * {@code nearby}, the transcript around it: an editor names the subject the speakers were talking about.
     */
    public String problem(String rewrite, String quote, String nearby) {
        if (rewrite == null || rewrite.isBlank()) {
            return "empty rewrite";
        }
        int words = rewrite.trim().split("\\s+").length;
        if (words > MAX_WORDS) {
            return words + " words (limit " + MAX_WORDS + ")";
        }
        if (ATTRIBUTION.matcher(rewrite).find()) {
            return "attributes the idea to a speaker instead of stating it";
        }
        String q = quote.toLowerCase(Locale.ROOT);
        Set<String> quoteNumbers = new HashSet<>();
        Matcher qn = NUMBER.matcher(quote);
        while (qn.find()) {
            quoteNumbers.add(qn.group().replace(",", ""));
        }
        Matcher n = NUMBER.matcher(rewrite);
        while (n.find()) {
            if (!quoteNumbers.contains(n.group().replace(",", ""))) {
                return "adds the number " + n.group() + ", not in the quote";
            }
        }
        Matcher m = NAME.matcher(rewrite);
        while (m.find()) {
            String name = m.group().toLowerCase(Locale.ROOT).replaceAll("'s$", "");
            boolean acronymSaidNearby = ACRONYM.matcher(m.group()).matches()
                    && nearby.contains(m.group().replaceAll("(s|'s|s')$", ""));
            // a whole word of the quote: "Corp" is not said by "incorporate"
            boolean said = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])")
                    .matcher(q).find();
            if (!said && !acronymSaidNearby) {
                return "adds the name " + m.group() + ", not in the quote";
            }
        }
        return null;
    }
}
