package dev.podsift.transcript;

/** A transcript could not be read; the message says why in words a user can act on. */
public class TranscriptException extends Exception {
    public TranscriptException(String message) {
        super(message);
    }
}
