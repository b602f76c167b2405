package dev.modelservice.store;

/**
 * The database could not be reached, or the pool had no connection to spare in time. Nothing was
 * changed unless the failure hit a commit; the request may succeed when tried again later.
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
