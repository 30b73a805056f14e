package dev.podsift.asr;

/** Speech recognition could not produce a transcript; the message says why in words a user can act on. */
public final class AsrException extends Exception {
    public AsrException(String message) {
        super(message);
    }

    public AsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
