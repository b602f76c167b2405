package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/** The device models that the service signs serials for. */
public interface Models {

    /**
     * Records a model.
     *
     * @throws DuplicateRecordException when the brand has a model of that name, or another model
     *     has the API key
     * @throws RecordNotFoundException when the brand account is not recorded
     */
    Model create(NewModel model);

    Optional<Model> find(String brandAccountId, String name);

    /**
     * Finds the model whose devices send this API key. The lookup is an index search, not a
     * constant-time comparison.
     */
    Optional<Model> findByApiKey(String apiKey);

    /** Returns the brand's models, ordered by name. */
    List<Model> list(String brandAccountId);

    /**
     * Replaces the model's settings.
     *
     * @throws RecordNotFoundException when the model does not exist
     */
    Model updateSettings(String brandAccountId, String name, ModelSettings settings);

    /**
     * Deletes the model and its serial policies. Its signing log entries stay.
     *
     * @return false when the model did not exist
     */
    boolean delete(String brandAccountId, String name);
}
