package dev.podsift.net;

/**
 * A feed, transcript or file could not be fetched or read; the message is written for the user and names the cause.
 * A temporary one (a timeout, a reset, a 5xx or 429, a full disk) may well succeed later, so the episode it stopped
 * is tried again rather than failed for good.
 */
public class FeedException extends Exception {
    private final boolean temporary;

    public FeedException(String message) {
        this(message, null, false);
    }

    public FeedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    protected FeedException(String message, Throwable cause, boolean temporary) {
        super(message, cause);
        this.temporary = temporary;
    }

    /** A failure that may pass by itself (network, server overload, disk space). */
    public static FeedException temporary(String message, Throwable cause) {
        return new FeedException(message, cause, true);
    }

    public boolean isTemporary() {
        return temporary;
    }
}
