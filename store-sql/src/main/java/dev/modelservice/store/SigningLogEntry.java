package dev.modelservice.store;

import java.time.Instant;

/**
 * A serial assertion that the service signed and sent.
 *
 * @param id the entry's number, for deleting it
 * @param brandAccountId the serial's brand-id
 * @param modelName the serial's model
 * @param serial the serial number
 * @param revision the revision of the serial assertion
 * @param deviceKeyId the SHA3-384 key id of the device key that the serial binds
 * @param signingKeyId the SHA3-384 key id of the key that signed it
 * @param requestId the request-id nonce that the request consumed
 * @param signedAt the assertion's timestamp
 * @param clientAddress the address the request came from, or null when unknown
 * @param serialAssertion the signed serial assertion text, as sent to the device
 */
public record SigningLogEntry(
        long id,
        String brandAccountId,
        String modelName,
        String serial,
        int revision,
        String deviceKeyId,
        String signingKeyId,
        String requestId,
        Instant signedAt,
        String clientAddress,
        String serialAssertion) {

    public static final int MAX_SERIAL_LENGTH = 256;
    public static final int MAX_CLIENT_ADDRESS_LENGTH = 128;

    public SigningLogEntry {
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(modelName, "model name", Model.MAX_NAME_LENGTH);
        Checks.text(serial, "serial", MAX_SERIAL_LENGTH);
        Checks.keyId(deviceKeyId, "device key id");
        Checks.keyId(signingKeyId, "signing key id");
        Checks.text(requestId, "request-id", Nonce.MAX_VALUE_LENGTH);
        Checks.time(signedAt, "signing time");
        Checks.text(serialAssertion, "serial assertion", SigningKey.MAX_ASSERTION_LENGTH);
    }
}
