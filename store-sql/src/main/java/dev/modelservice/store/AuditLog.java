package dev.modelservice.store;

import java.time.Instant;
import java.util.List;

/**
 * The record of admin changes. To make a change and its entry commit together, make both in one
 * {@link Store#inTransaction}.
 */
public interface AuditLog {

    /** The maximum number of entries that one {@link #list} returns. */
    int MAX_LIMIT = 100_000;

    /** Appends an entry stamped with the store's clock. {@code details} may be null. */
    AuditEntry append(String tokenName, String action, String subject, String details);

    /**
     * Returns entries recorded at or after {@code since} (every entry when null), newest first.
     *
     * @param limit the maximum number of entries, 1 to {@link #MAX_LIMIT}
     */
    List<AuditEntry> list(Instant since, int limit);
}
