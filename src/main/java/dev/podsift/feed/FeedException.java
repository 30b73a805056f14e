package dev.podsift.feed;

/** A feed could not be fetched or read; the message is written for the user and names the cause. */
public class FeedException extends Exception {
    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
