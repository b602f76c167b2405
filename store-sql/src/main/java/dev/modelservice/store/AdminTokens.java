package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the admin API. The store generates each token and keeps only its SHA-256
 * digest, so a copy of the database does not give access to the admin API.
 */
public interface AdminTokens {

    /**
     * Creates a token with 256 random bits.
     *
     * @throws DuplicateRecordException when a token, valid or revoked, has this name
     */
    IssuedAdminToken create(String name);

    /**
     * Returns the valid token whose secret this is, or empty for an unknown or revoked one. The
     * row is found by the digest of the presented secret, and the digests are then compared in
     * constant time.
     */
    Optional<AdminToken> authenticate(String secret);

    Optional<AdminToken> find(String name);

    /** Returns every token, revoked ones included, ordered by name. */
    List<AdminToken> list();

    /**
     * Revokes the token; a revoked token stays listed and keeps its name.
     *
     * @return false when no valid token had this name
     */
    boolean revoke(String name);
}
