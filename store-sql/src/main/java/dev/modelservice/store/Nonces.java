package dev.modelservice.store;

import java.time.Duration;
import java.time.Instant;

/** request-id nonces. Each is issued to a device and consumed by at most one serial request. */
public interface Nonces {

    /** Issues a nonce of 256 random bits that expires {@code lifetime} from now. */
    Nonce issue(Duration lifetime);

    /** Returns the nonce's status without changing it. */
    NonceStatus check(String value);

    /**
     * Marks the nonce used if it is valid. Of any number of concurrent calls for one nonce,
     * exactly one returns {@link NonceStatus#VALID}.
     *
     * @return the status the nonce had: {@code VALID} means it is now consumed
     */
    NonceStatus consume(String value);

    /**
     * Deletes the nonces that expired before {@code expiredBefore}, used or not.
     *
     * @return how many were deleted
     */
    int purgeExpired(Instant expiredBefore);
}
