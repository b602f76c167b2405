package dev.modelservice.store;

import java.time.Instant;

/**
 * An imported account-key assertion: for one of the service's own signing keys, or for another
 * key of a brand the service serves, such as a key that signs model assertions.
 *
 * @param keyId the public-key-sha3-384 header of the assertion
 * @param accountId the account-id header of the assertion
 * @param assertion the assertion text as imported
 * @param importedAt when it was imported or last replaced
 */
public record AccountKey(String keyId, String accountId, String assertion, Instant importedAt) {

    public AccountKey {
        Checks.keyId(keyId, "account-key key id");
        Checks.text(accountId, "account-key account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(assertion, "account-key assertion", SigningKey.MAX_ASSERTION_LENGTH);
        Checks.time(importedAt, "imported time");
    }
}
