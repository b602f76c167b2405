package dev.modelservice.store;

import java.time.Instant;

/**
 * A bearer token for the admin API. The store keeps only its SHA-256 digest.
 *
 * @param name the name that the audit log records for changes made with the token
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record AdminToken(String name, Instant createdAt, Instant revokedAt) {

    public static final int MAX_NAME_LENGTH = 128;

    public AdminToken {
        Checks.text(name, "admin token name", MAX_NAME_LENGTH);
        Checks.time(createdAt, "created time");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
