package dev.modelservice.store;

/**
 * A model to record.
 *
 * @param brandAccountId the brand account that the model belongs to
 * @param name the model name, unique for the brand
 * @param apiKey the secret that the model's devices send, unique in the service
 * @param settings how the device API treats the model's serial numbers
 */
public record NewModel(String brandAccountId, String name, String apiKey, ModelSettings settings) {

    public NewModel {
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(name, "model name", Model.MAX_NAME_LENGTH);
        Checks.text(apiKey, "API key", Model.MAX_API_KEY_LENGTH);
        if (settings == null) {
            throw new IllegalArgumentException("model settings are missing");
        }
    }

    /** Leaves the API key out, so that logging a model never logs its secret. */
    @Override
    public String toString() {
        return "NewModel[brandAccountId=" + brandAccountId + ", name=" + name + ", settings=" + settings + "]";
    }
}
