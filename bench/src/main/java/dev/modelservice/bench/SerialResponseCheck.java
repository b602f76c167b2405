package dev.modelservice.bench;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.Serial;

import java.util.List;

/**
 * Checks the service's response to a serial request: a stream with exactly one serial for the
 * device's brand, model, serial and device key, signed by the run's signing key. The response
 * may also carry the key's account-key, which is not needed here because the benchmark has
 * the public key from the admin API.
 */
final class SerialResponseCheck {
    /** The error key under which responses that fail these checks are counted. */
    static final String UNVERIFIED = "200 unverified";

    private final String brand;
    private final String signingKeyId;
    private final AssertionPublicKey signingKey;

    SerialResponseCheck(String brand, AdminApi.Key key) {
        this.brand = brand;
        this.signingKeyId = key.sha3384();
        try {
            this.signingKey = AssertionPublicKey.decode(key.publicKey());
        } catch (RuntimeException e) {
            throw new BenchException("the admin API's public key of signing key '" + key.name()
                    + "' does not decode: " + e.getMessage(), e);
        }
    }

    /** Returns {@link Outcome#OK} when the response is valid, else an {@link #UNVERIFIED} outcome that says why. */
    Outcome check(byte[] body, String model, String serial, DeviceKey device) {
        try {
            List<Assertion> stream = AssertionStreamDecoder.decodeAll(body);
            List<Assertion> serials = stream.stream().filter(a -> a.type() == AssertionType.SERIAL).toList();
            if (serials.size() != 1) {
                return unverified("the response contains " + serials.size() + " serial assertions, not one");
            }
            Serial signed = Serial.of(serials.get(0));
            if (!signed.brandId().equals(brand) || !signed.model().equals(model) || !signed.serial().equals(serial)) {
                return unverified("the serial is " + signed.brandId() + "/" + signed.model() + "/" + signed.serial()
                        + ", not the requested " + brand + "/" + model + "/" + serial);
            }
            if (!signed.deviceKey().id().equals(device.publicKey().id())) {
                return unverified("the serial " + serial + " names device key " + signed.deviceKey().id()
                        + ", not " + device.publicKey().id());
            }
            if (!signed.assertion().signKeyId().equals(signingKeyId)) {
                return unverified("the serial " + serial + " is signed by key " + signed.assertion().signKeyId()
                        + ", not by the run's signing key " + signingKeyId);
            }
            AssertionVerifier.verifySignature(signed.assertion(), signingKey);
            return Outcome.OK;
        } catch (AssertionException e) {
            return unverified("the response for serial " + serial + " is invalid: " + e.getMessage());
        }
    }

    private static Outcome unverified(String message) {
        return Outcome.error(UNVERIFIED, message);
    }
}
