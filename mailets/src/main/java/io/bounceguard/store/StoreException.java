package io.bounceguard.store;

/** The store could not be reached or refused a statement; the cause says why. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
