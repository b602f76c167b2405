package dev.modelservice.cli;

import dev.modelservice.assertions.AccountKey;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.Model;
import dev.modelservice.assertions.Serial;
import dev.modelservice.assertions.SerialRequest;
import dev.modelservice.cli.admin.CommandFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device service's response to a serial-request, checked as snapd checks it (its
 * {@code submitSerialRequest} and {@code getSerial}): a stream with exactly one serial whose
 * brand, model and device key are the device's own, signed by the brand or by an authority
 * that the model's {@code serial-authority} names. When the stream also carries the
 * account-key of the signing key, the serial's signature is checked with it.
 *
 * @param serial the serial assertion
 * @param signingAccountKey the account-key that verified the serial's signature, if the response carried one
 */
record SerialResponse(Serial serial, Optional<AccountKey> signingAccountKey) {

    /**
     * Checks {@code body} against its request.
     *
     * @param model the model assertion the device sent, or null
     * @throws CommandFailedException when snapd would reject the response, with the reason
     */
    static SerialResponse check(byte[] body, SerialRequest request, Model model) {
        List<Assertion> stream = decode(body);
        Serial serial = onlySerial(stream);
        checkIdentity(serial, request);
        checkAuthority(serial, model);
        Optional<AccountKey> accountKey = accountKeyOf(serial, stream);
        if (accountKey.isPresent()) {
            verify(serial, accountKey.get());
        }
        return new SerialResponse(serial, accountKey);
    }

    private static List<Assertion> decode(byte[] body) {
        try {
            return AssertionStreamDecoder.decodeAll(body);
        } catch (AssertionFormatException e) {
            throw new CommandFailedException("the service's response is not a valid assertion stream: " + e.getMessage());
        }
    }

    private static Serial onlySerial(List<Assertion> stream) {
        List<Assertion> serials = new ArrayList<>();
        for (Assertion assertion : stream) {
            if (assertion.type() == AssertionType.SERIAL) {
                serials.add(assertion);
            }
        }
        if (serials.size() != 1) {
            throw new CommandFailedException("the service's response contains " + serials.size() + " serial assertions"
                    + " among " + stream.size() + " assertions; snapd accepts exactly one");
        }
        try {
            return Serial.of(serials.get(0));
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a decoded serial always has a typed view", e);
        }
    }

    private static void checkIdentity(Serial serial, SerialRequest request) {
        if (!serial.brandId().equals(request.brandId()) || !serial.model().equals(request.model())
                || !serial.deviceKey().id().equals(request.deviceKey().id())) {
            throw new CommandFailedException("the serial does not match the device (brand, model, device key id): "
                    + serial.brandId() + " / " + serial.model() + " / " + serial.deviceKey().id() + " != "
                    + request.brandId() + " / " + request.model() + " / " + request.deviceKey().id());
        }
    }

    private static void checkAuthority(Serial serial, Model model) {
        String authority = serial.assertion().authorityId();
        if (authority.equals(serial.brandId())) {
            return;
        }
        if (model == null || !model.serialAuthority().contains(authority)) {
            throw new CommandFailedException("the serial is signed by authority '" + authority + "', not by brand '"
                    + serial.brandId() + "', and " + (model == null ? "no model assertion was given"
                    : "the model's serial-authority does not name it") + "; snapd rejects such a serial");
        }
    }

    private static Optional<AccountKey> accountKeyOf(Serial serial, List<Assertion> stream) {
        String keyId = serial.assertion().signKeyId();
        for (Assertion assertion : stream) {
            if (assertion.type() == AssertionType.ACCOUNT_KEY && keyId.equals(assertion.headerString("public-key-sha3-384"))) {
                try {
                    return Optional.of(AccountKey.of(assertion));
                } catch (AssertionFormatException e) {
                    throw new IllegalStateException("a decoded account-key always has a typed view", e);
                }
            }
        }
        return Optional.empty();
    }

    private static void verify(Serial serial, AccountKey accountKey) {
        String authority = serial.assertion().authorityId();
        if (!accountKey.accountId().equals(authority)) {
            throw new CommandFailedException("the serial is signed by key " + accountKey.publicKeyId() + " of account '"
                    + accountKey.accountId() + "', not of its authority '" + authority + "'");
        }
        if (!accountKey.validity().isValidAt(serial.timestamp())) {
            throw new CommandFailedException("the serial's timestamp " + serial.timestamp() + " is outside the validity"
                    + " of its signing key " + accountKey.publicKeyId() + " (" + accountKey.validity() + ")");
        }
        try {
            AssertionVerifier.verifySignature(serial.assertion(), accountKey.publicKey());
        } catch (AssertionException e) {
            throw new CommandFailedException("the serial's signature does not verify with the account-key of key "
                    + accountKey.publicKeyId() + " in the response: " + e.getMessage());
        }
    }
}
