package dev.modelservice.store;

import java.time.Instant;

/**
 * One revision of a model's serial policy: which key signs the model's serials. The highest
 * revision is the active one; older revisions stay as history.
 *
 * @param brandAccountId the model's brand account
 * @param modelName the model name
 * @param revision the revision number, 1 for a model's first policy
 * @param signingKey the key that signs the model's serials under this revision
 * @param createdAt when the revision was created
 */
public record SerialPolicy(
        String brandAccountId, String modelName, int revision, SigningKey signingKey, Instant createdAt) {

    public SerialPolicy {
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(modelName, "model name", Model.MAX_NAME_LENGTH);
        if (revision < 1) {
            throw new IllegalArgumentException("serial policy revision " + revision + " is invalid; revisions start at 1");
        }
        if (signingKey == null) {
            throw new IllegalArgumentException("serial policy signing key is missing");
        }
        Checks.time(createdAt, "created time");
    }
}
