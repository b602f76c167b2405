package dev.modelservice.store;

/** An operation named a record that does not exist. */
public class RecordNotFoundException extends StoreException {

    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String message) {
        super(message);
    }
}
