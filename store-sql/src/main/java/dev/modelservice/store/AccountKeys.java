package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/**
 * Imported account-key assertions, for the service's own signing keys and for other keys of
 * the brands it serves.
 */
public interface AccountKeys {

    /**
     * Stores the assertion for its key id, replacing an earlier one for the same key. The caller
     * has decoded and checked the assertion.
     */
    AccountKey put(String keyId, String accountId, String assertion);

    Optional<AccountKey> find(String keyId);

    /** Returns every imported account-key, ordered by account-id and key id. */
    List<AccountKey> list();

    /** @return false when no account-key had this key id */
    boolean delete(String keyId);
}
