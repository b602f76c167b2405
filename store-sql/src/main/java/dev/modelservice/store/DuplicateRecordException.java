package dev.modelservice.store;

/** A record with the same unique key exists already; the database rejected the new one. */
public class DuplicateRecordException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
