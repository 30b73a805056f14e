package dev.podsift.store;

/** The database failed; stored data is left as it was before the failed operation. */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
