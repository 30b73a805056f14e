package dev.podsift.llm;

/** A language-model call failed; the digest falls back to the workhorse text and the message is logged. */
public class LlmException extends Exception {
    private final boolean rateLimited;

    public LlmException(String message, boolean rateLimited, Throwable cause) {
        super(message, cause);
        this.rateLimited = rateLimited;
    }

    public boolean rateLimited() {
        return rateLimited;
    }
}
