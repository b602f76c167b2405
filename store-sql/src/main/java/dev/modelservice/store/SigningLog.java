package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/** Every serial assertion that the service signed and sent. */
public interface SigningLog {

    /**
     * Consumes the request-id nonce and records the signed serial, in one transaction: either
     * both happen or neither does. The caller sends the serial to the device only when this
     * returns.
     *
     * @throws NonceRejectedException when the nonce is used, expired or unknown
     * @throws SerialConflictException when the serial revision is taken, or the device key already
     *     has another serial of the model
     */
    SigningLogEntry record(String requestId, NewSigningLogEntry entry);

    /** Returns every revision signed for this serial number of the model, lowest revision first. */
    List<SigningLogEntry> findSerial(String brandAccountId, String modelName, String serial);

    /** Returns the entry that gave this device key a serial of the model, if any. */
    Optional<SigningLogEntry> findByDeviceKey(String brandAccountId, String modelName, String deviceKeyId);

    Optional<SigningLogEntry> find(long id);

    /** Returns the entries that match every filter of the query, newest first. */
    List<SigningLogEntry> query(SigningLogQuery query);

    /**
     * Deletes an entry, so that its device may be given a serial again.
     *
     * @return false when no entry had this id
     */
    boolean delete(long id);
}
