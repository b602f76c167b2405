package dev.modelservice.store;

/**
 * A newly created admin token together with its secret, which exists only in this object: the
 * store keeps a digest, so the caller must hand the secret to the admin now.
 *
 * @param token the stored token
 * @param secret the bearer token value, 256 random bits in unpadded base64url
 */
public record IssuedAdminToken(AdminToken token, String secret) {

    /** Leaves the secret out, so that logging the token never logs the secret. */
    @Override
    public String toString() {
        return "IssuedAdminToken[token=" + token + "]";
    }
}
