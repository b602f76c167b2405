package dev.modelservice.store;

/**
 * A signing key to record, once the signer has generated or found it.
 *
 * @param name the name admins use for the key, unique in the service
 * @param keyId the SHA3-384 digest of the public key, in unpadded base64url
 * @param brandAccountId the brand account that the key signs for
 * @param signerProvider the name of the Signer SPI provider that keeps the private key
 * @param signerHandle how that provider finds the private key again, such as a PKCS#11 label
 * @param publicKey the public key in the text form that account-key assertions carry
 */
public record NewSigningKey(
        String name,
        String keyId,
        String brandAccountId,
        String signerProvider,
        String signerHandle,
        String publicKey) {

    public NewSigningKey {
        Checks.text(name, "signing key name", SigningKey.MAX_NAME_LENGTH);
        Checks.keyId(keyId, "signing key id");
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(signerProvider, "signer provider", SigningKey.MAX_PROVIDER_LENGTH);
        Checks.text(signerHandle, "signer handle", SigningKey.MAX_HANDLE_LENGTH);
        Checks.text(publicKey, "public key", SigningKey.MAX_PUBLIC_KEY_LENGTH);
    }
}
