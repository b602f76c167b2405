package dev.modelservice.store;

import java.time.Instant;

/**
 * A signed serial assertion to record in the signing log.
 *
 * @param brandAccountId the serial's brand-id
 * @param modelName the serial's model
 * @param serial the serial number
 * @param revision the revision of the serial assertion, 0 for the first one
 * @param deviceKeyId the SHA3-384 key id of the device key that the serial binds
 * @param signingKeyId the SHA3-384 key id of the key that signed it
 * @param signedAt the assertion's timestamp
 * @param clientAddress the address the request came from, or null when unknown
 * @param serialAssertion the signed serial assertion text, as sent to the device
 */
public record NewSigningLogEntry(
        String brandAccountId,
        String modelName,
        String serial,
        int revision,
        String deviceKeyId,
        String signingKeyId,
        Instant signedAt,
        String clientAddress,
        String serialAssertion) {

    public NewSigningLogEntry {
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(modelName, "model name", Model.MAX_NAME_LENGTH);
        Checks.text(serial, "serial", SigningLogEntry.MAX_SERIAL_LENGTH);
        if (revision < 0) {
            throw new IllegalArgumentException("serial assertion revision " + revision + " is negative");
        }
        Checks.keyId(deviceKeyId, "device key id");
        Checks.keyId(signingKeyId, "signing key id");
        Checks.time(signedAt, "signing time");
        Checks.optionalText(clientAddress, "client address", SigningLogEntry.MAX_CLIENT_ADDRESS_LENGTH);
        Checks.text(serialAssertion, "serial assertion", SigningKey.MAX_ASSERTION_LENGTH);
    }
}
