package dev.modelservice.store;

import java.time.Instant;

/**
 * A device model that the service signs serials for.
 *
 * @param brandAccountId the brand account that the model belongs to
 * @param name the model name, unique for the brand
 * @param apiKey the secret that the model's devices send, unique in the service
 * @param settings how the device API treats the model's serial numbers
 * @param createdAt when the model was recorded
 */
public record Model(String brandAccountId, String name, String apiKey, ModelSettings settings, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_API_KEY_LENGTH = 256;

    public Model {
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(name, "model name", MAX_NAME_LENGTH);
        Checks.text(apiKey, "API key", MAX_API_KEY_LENGTH);
        if (settings == null) {
            throw new IllegalArgumentException("model settings are missing");
        }
        Checks.time(createdAt, "created time");
    }

    /** Leaves the API key out, so that logging a model never logs its secret. */
    @Override
    public String toString() {
        return "Model[brandAccountId=" + brandAccountId + ", name=" + name + ", settings=" + settings
                + ", createdAt=" + createdAt + "]";
    }
}
