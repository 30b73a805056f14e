package dev.podsift.asr;

/** Speech recognition could not produce a transcript; the message says why in words a user can act on. */
public final class AsrException extends Exception {
    public AsrException(String message) {
        super(message);
    }

    public AsrException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the cause may pass by itself (the audio download hit a network or disk problem). */
    public boolean isTemporary() {
        return getCause() instanceof dev.podsift.net.FeedException f && f.isTemporary();
    }
}
