package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.Serial;
import dev.modelservice.assertions.SerialRequest;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.Store;

/**
 * Checks a remodel: a serial-request with {@code original-brand-id}, {@code original-model}
 * and {@code original-serial} must come with the device's current serial, signed by a key
 * this service holds, naming those originals and the same device key.
 */
final class Remodel {
    private Remodel() {
    }

    static void check(Store store, SerialRequest request, Assertion currentSerial) {
        Assertion requestAssertion = request.assertion();
        String originalBrand = requestAssertion.headerString("original-brand-id");
        String originalModel = requestAssertion.headerString("original-model");
        String originalSerial = requestAssertion.headerString("original-serial");
        boolean remodel = originalBrand != null || originalModel != null || originalSerial != null;
        if (!remodel) {
            if (currentSerial != null) {
                throw DeviceError.badRequest("invalid-request", "the request carries a serial assertion but the"
                        + " serial-request has no original-brand-id, original-model and original-serial headers;"
                        + " a serial is sent only on a remodel");
            }
            return;
        }
        if (originalBrand == null || originalModel == null || originalSerial == null || currentSerial == null) {
            throw DeviceError.badRequest("invalid-remodel", "a remodel needs the original-brand-id, original-model"
                    + " and original-serial headers in the serial-request and the current serial in the request");
        }

        Serial serial = verifiedSerial(store, currentSerial);
        checkMatches("original-brand-id", originalBrand, serial.brandId());
        checkMatches("original-model", originalModel, serial.model());
        checkMatches("original-serial", originalSerial, serial.serial());
        if (!serial.deviceKey().id().equals(request.deviceKey().id())) {
            throw DeviceError.badRequest("invalid-remodel", "the current serial binds device key "
                    + serial.deviceKey().id() + ", not the device key of the serial-request, "
                    + request.deviceKey().id());
        }
    }

    private static Serial verifiedSerial(Store store, Assertion currentSerial) {
        SigningKey key = store.signingKeys().findByKeyId(currentSerial.signKeyId()).orElseThrow(() ->
                DeviceError.badRequest("invalid-remodel", "the current serial is signed by key "
                        + currentSerial.signKeyId() + ", which this service does not hold"));
        try {
            AssertionVerifier.verifySignature(currentSerial, AssertionPublicKey.decode(key.publicKey()));
            return Serial.of(currentSerial);
        } catch (AssertionException e) {
            throw DeviceError.badRequest("invalid-remodel", "the current serial does not verify with signing key "
                    + key.name() + ": " + e.getMessage());
        }
    }

    private static void checkMatches(String header, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw DeviceError.badRequest("invalid-remodel", "the serial-request's " + header + " is " + expected
                    + " but the current serial says " + actual);
        }
    }
}
