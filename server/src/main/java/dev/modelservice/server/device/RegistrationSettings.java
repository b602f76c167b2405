package dev.modelservice.server.device;

import java.time.Duration;

/**
 * Settings of the device API.
 *
 * @param requestIdLifetime how long a request-id stays valid after it is issued
 * @param modelAssertionCheck what to do with the signature of the model assertion a device sends
 * @param maxRequestBytes the largest serial request body accepted; larger ones get 413
 * @param retryAfter the {@code Retry-After} sent with a 503 while the HSM or the database is away
 */
public record RegistrationSettings(Duration requestIdLifetime, ModelAssertionCheck modelAssertionCheck,
        int maxRequestBytes, Duration retryAfter) {

    /** snapd's limits on one assertion (128 KiB headers, 2 MiB body, 128 KiB signature), times the
     *  three assertions a remodel request carries, rounded up. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    public static RegistrationSettings defaults() {
        return new RegistrationSettings(Duration.ofMinutes(10), ModelAssertionCheck.VERIFY_WHEN_KNOWN,
                DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(60));
    }

    /** The treatment of the signature of a model assertion that a device sends. */
    public enum ModelAssertionCheck {
        /** The signing key's account-key must be known and the signature must verify. */
        REQUIRE,
        /** The signature must verify when the signing key's account-key is known. */
        VERIFY_WHEN_KNOWN,
        /** The signature is not checked; brand and model must still match. */
        IGNORE
    }
}
