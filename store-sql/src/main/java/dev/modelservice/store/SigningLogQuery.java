package dev.modelservice.store;

import java.time.Instant;

/**
 * Filters for listing the signing log, newest entry first. A null filter matches every entry.
 *
 * @param brandAccountId only entries of this brand
 * @param modelName only entries of this model; needs {@code brandAccountId}
 * @param serial only entries of this serial number
 * @param since only entries signed at or after this time
 * @param limit the maximum number of entries returned
 */
public record SigningLogQuery(String brandAccountId, String modelName, String serial, Instant since, int limit) {

    public static final int MAX_LIMIT = 100_000;

    public SigningLogQuery {
        Checks.optionalText(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.optionalText(modelName, "model name", Model.MAX_NAME_LENGTH);
        Checks.optionalText(serial, "serial", SigningLogEntry.MAX_SERIAL_LENGTH);
        if (modelName != null && brandAccountId == null) {
            throw new IllegalArgumentException("model filter '" + modelName + "' needs a brand account-id;"
                    + " model names are unique only within a brand");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("signing log limit " + limit + " is out of range; give 1 to " + MAX_LIMIT);
        }
    }

    /** Returns a query for the newest {@code limit} entries, with no filter. */
    public static SigningLogQuery newest(int limit) {
        return new SigningLogQuery(null, null, null, null, limit);
    }

    public SigningLogQuery withBrand(String brand) {
        return new SigningLogQuery(brand, modelName, serial, since, limit);
    }

    public SigningLogQuery withModel(String brand, String model) {
        return new SigningLogQuery(brand, model, serial, since, limit);
    }

    public SigningLogQuery withSerial(String serialNumber) {
        return new SigningLogQuery(brandAccountId, modelName, serialNumber, since, limit);
    }

    public SigningLogQuery withSince(Instant time) {
        return new SigningLogQuery(brandAccountId, modelName, serial, time, limit);
    }
}
