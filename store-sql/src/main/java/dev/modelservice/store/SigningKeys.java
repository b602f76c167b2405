package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/** The keys that the service signs with. */
public interface SigningKeys {

    /**
     * Records a signing key.
     *
     * @throws DuplicateRecordException when the name or the key id is taken
     * @throws RecordNotFoundException when the brand account is not recorded
     */
    SigningKey create(NewSigningKey key);

    Optional<SigningKey> findByName(String name);

    /** Finds a key by its SHA3-384 key id. */
    Optional<SigningKey> findByKeyId(String keyId);

    /** Returns every signing key, ordered by name. */
    List<SigningKey> list();

    /**
     * Stores the key's account-key assertion, replacing any earlier one. The caller checks that
     * the assertion is for this key.
     *
     * @throws RecordNotFoundException when no signing key has this key id
     */
    SigningKey setAccountKey(String keyId, String accountKeyAssertion);
}
