package dev.modelservice.store;

/** A request-id nonce could not be consumed because it is used, expired or unknown. */
public class NonceRejectedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final NonceStatus status;

    public NonceRejectedException(String nonce, NonceStatus status) {
        super(messageFor(nonce, status));
        this.status = status;
    }

    public NonceStatus status() {
        return status;
    }

    private static String messageFor(String nonce, NonceStatus status) {
        String reason = switch (status) {
            case USED -> "was used already";
            case EXPIRED -> "has expired";
            case UNKNOWN -> "is unknown";
            case VALID -> throw new IllegalArgumentException("request-id '" + nonce + "' is valid, so it cannot be rejected");
        };
        return "request-id '" + nonce + "' " + reason + "; ask for a new request-id";
    }
}
