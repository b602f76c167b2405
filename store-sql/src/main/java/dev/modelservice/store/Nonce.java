package dev.modelservice.store;

import java.time.Instant;

/**
 * A request-id nonce that a device must send with its serial request.
 *
 * @param value the nonce, 256 random bits in unpadded base64url
 * @param createdAt when it was issued
 * @param expiresAt from this time on it is rejected as expired
 */
public record Nonce(String value, Instant createdAt, Instant expiresAt) {

    public static final int MAX_VALUE_LENGTH = 128;

    public Nonce {
        Checks.text(value, "request-id", MAX_VALUE_LENGTH);
        Checks.time(createdAt, "created time");
        Checks.time(expiresAt, "expiry time");
    }
}
