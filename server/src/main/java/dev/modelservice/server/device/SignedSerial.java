package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.Store;

import java.nio.charset.StandardCharsets;

/**
 * A serial for a device and the signing key that signed it.
 *
 * @param serial the serial assertion
 * @param signingKey the key's record, with its account-key assertion when an admin imported it
 * @param replayed whether the serial was recorded earlier and is sent again to a retrying device
 */
public record SignedSerial(Assertion serial, SigningKey signingKey, boolean replayed) {

    /** Returns the serial recorded in a signing log entry, as sent the first time. */
    static SignedSerial recorded(SigningLogEntry entry, Store store) {
        Assertion serial;
        try {
            serial = AssertionStreamDecoder.decodeAll(entry.serialAssertion().getBytes(StandardCharsets.UTF_8)).get(0);
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("signing log entry " + entry.id() + " contains a serial assertion that no"
                    + " longer decodes: " + e.getMessage(), e);
        }
        SigningKey key = store.signingKeys().findByKeyId(entry.signingKeyId()).orElseThrow(() ->
                new IllegalStateException("signing log entry " + entry.id() + " names signing key "
                        + entry.signingKeyId() + ", which the store no longer has"));
        return new SignedSerial(serial, key, true);
    }
}
