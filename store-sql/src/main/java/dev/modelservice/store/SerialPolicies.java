package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/** The revisions of each model's serial policy. */
public interface SerialPolicies {

    /**
     * Creates the model's next serial policy revision, which becomes the active one.
     *
     * @param signingKeyId the SHA3-384 key id of a signing key of the model's brand
     * @throws RecordNotFoundException when the model or the signing key does not exist
     * @throws IllegalArgumentException when the key belongs to another brand
     */
    SerialPolicy create(String brandAccountId, String modelName, String signingKeyId);

    /** Returns the model's highest revision, or empty when the model has no policy or does not exist. */
    Optional<SerialPolicy> findActive(String brandAccountId, String modelName);

    /** Returns every revision of the model's policy, lowest first. */
    List<SerialPolicy> list(String brandAccountId, String modelName);
}
