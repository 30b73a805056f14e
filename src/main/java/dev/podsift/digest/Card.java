package dev.podsift.digest;

import dev.podsift.insight.SpokenTextCleaner;
import dev.podsift.model.Insight;

/**
 * What an insight's card says, the same in every output: its text, and the quote under it only when the quote says
 * more than the text in other ways than fillers (an LLM's rewrite, not the embedded extractor's clean-up).
 */
public final class Card {
    private static final SpokenTextCleaner CLEANER = new SpokenTextCleaner();

    private Card() {
    }

    /** True when the card should also show the words as said: the text is more than the quote without fillers. */
    public static boolean showsQuote(Insight in) {
        return showsQuote(in.text(), in.quote());
    }

    public static boolean showsQuote(String text, String quote) {
        if (quote == null || quote.isBlank()) {
            return false;
        }
        return !DigestRenderer.verbatim(text, quote) && !DigestRenderer.verbatim(text, CLEANER.clean(quote));
    }
}
