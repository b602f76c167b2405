package dev.modelservice.store;

import java.time.Instant;

/**
 * One admin change.
 *
 * @param id the entry's number, increasing with time
 * @param recordedAt when the change was made
 * @param tokenName the name of the admin token that made it
 * @param action what was done, such as {@code create-model}
 * @param subject what it was done to, such as a model name
 * @param details more about the change, or null
 */
public record AuditEntry(long id, Instant recordedAt, String tokenName, String action, String subject, String details) {

    public static final int MAX_ACTION_LENGTH = 128;
    public static final int MAX_SUBJECT_LENGTH = 1024;
    public static final int MAX_DETAILS_LENGTH = 8192;

    public AuditEntry {
        Checks.time(recordedAt, "recorded time");
        Checks.text(tokenName, "admin token name", AdminToken.MAX_NAME_LENGTH);
        Checks.text(action, "audit action", MAX_ACTION_LENGTH);
        Checks.text(subject, "audit subject", MAX_SUBJECT_LENGTH);
        Checks.optionalText(details, "audit details", MAX_DETAILS_LENGTH);
    }
}
