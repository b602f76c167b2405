package dev.modelservice.store;

import java.time.Instant;

/**
 * A brand account that this service signs serials for.
 *
 * @param accountId the account-id that assertions carry as brand-id and authority-id
 * @param displayName the name people see
 * @param createdAt when the account was recorded
 */
public record BrandAccount(String accountId, String displayName, Instant createdAt) {

    public static final int MAX_ACCOUNT_ID_LENGTH = 128;
    public static final int MAX_DISPLAY_NAME_LENGTH = 256;

    public BrandAccount {
        Checks.text(accountId, "account-id", MAX_ACCOUNT_ID_LENGTH);
        Checks.text(displayName, "display name", MAX_DISPLAY_NAME_LENGTH);
        if (displayName.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("display name contains control characters such as a newline;"
                    + " give one line of printable text");
        }
        Checks.time(createdAt, "created time");
    }
}
