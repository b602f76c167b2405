package dev.modelservice.store;

/** The state of a request-id nonce in the store. */
public enum NonceStatus {
    /** Issued, not used yet and not expired. */
    VALID,
    /** Already used for a serial request. */
    USED,
    /** Expired before it was used. */
    EXPIRED,
    /** Never issued by this service, or purged since it expired. */
    UNKNOWN
}
