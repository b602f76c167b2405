package dev.modelservice.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A key that the service signs serial assertions with; its private half stays in the signer.
 *
 * @param name the name admins use for the key, unique in the service
 * @param keyId the SHA3-384 digest of the public key, in unpadded base64url
 * @param brandAccountId the brand account that the key signs for
 * @param signerProvider the name of the Signer SPI provider that keeps the private key
 * @param signerHandle how that provider finds the private key again
 * @param publicKey the public key in the text form that account-key assertions carry
 * @param createdAt when the key was recorded
 * @param accountKeyAssertion the key's account-key assertion text, or null until an admin imports it
 */
public record SigningKey(
        String name,
        String keyId,
        String brandAccountId,
        String signerProvider,
        String signerHandle,
        String publicKey,
        Instant createdAt,
        String accountKeyAssertion) {

    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_PROVIDER_LENGTH = 128;
    public static final int MAX_HANDLE_LENGTH = 1024;
    public static final int MAX_PUBLIC_KEY_LENGTH = 8192;
    public static final int MAX_ASSERTION_LENGTH = 65536;

    public SigningKey {
        Checks.text(name, "signing key name", MAX_NAME_LENGTH);
        Checks.keyId(keyId, "signing key id");
        Checks.text(brandAccountId, "brand account-id", BrandAccount.MAX_ACCOUNT_ID_LENGTH);
        Checks.text(signerProvider, "signer provider", MAX_PROVIDER_LENGTH);
        Checks.text(signerHandle, "signer handle", MAX_HANDLE_LENGTH);
        Checks.text(publicKey, "public key", MAX_PUBLIC_KEY_LENGTH);
        Checks.time(createdAt, "created time");
        Checks.optionalText(accountKeyAssertion, "account-key assertion", MAX_ASSERTION_LENGTH);
    }

    public Optional<String> accountKey() {
        return Optional.ofNullable(accountKeyAssertion);
    }
}
