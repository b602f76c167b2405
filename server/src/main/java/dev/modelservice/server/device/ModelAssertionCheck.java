package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.AccountKey;
import dev.modelservice.store.Model;
import dev.modelservice.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks the model assertion a device sends with its serial-request: it must name the
 * brand and model of the request, and, as configured, its signature must verify with an
 * account-key an admin imported.
 */
final class ModelAssertionCheck {
    private final Store store;
    private final RegistrationSettings.ModelAssertionCheck mode;

    ModelAssertionCheck(Store store, RegistrationSettings.ModelAssertionCheck mode) {
        this.store = store;
        this.mode = mode;
    }

    void check(Assertion modelAssertion, Model model) {
        if (modelAssertion == null) {
            if (mode == RegistrationSettings.ModelAssertionCheck.REQUIRE) {
                throw DeviceError.badRequest("missing-model", "the request carries no model assertion, which this"
                        + " service requires: send the serial-request followed by the model assertion");
            }
            return;
        }
        checkNames(modelAssertion, model);
        if (mode != RegistrationSettings.ModelAssertionCheck.IGNORE) {
            checkSignature(modelAssertion);
        }
    }

    private static void checkNames(Assertion modelAssertion, Model model) {
        String brand = modelAssertion.headerString("brand-id");
        String name = modelAssertion.headerString("model");
        if (!model.brandAccountId().equals(brand) || !model.name().equals(name)) {
            throw DeviceError.badRequest("model-mismatch", "the model assertion is for model " + name + " of brand "
                    + brand + " but the serial-request is for model " + model.name() + " of brand "
                    + model.brandAccountId());
        }
    }

    private void checkSignature(Assertion modelAssertion) {
        String keyId = modelAssertion.signKeyId();
        Optional<dev.modelservice.store.AccountKey> known = store.accountKeys().find(keyId);
        if (known.isEmpty()) {
            if (mode == RegistrationSettings.ModelAssertionCheck.REQUIRE) {
                throw DeviceError.badRequest("unknown-model-key", "the model assertion is signed by key " + keyId
                        + ", whose account-key is not known to this service: an admin imports it with"
                        + " 'model-admin push-account-keys'");
            }
            return;
        }
        try {
            AccountKey accountKey = AccountKey.of(AssertionStreamDecoder.decodeAll(
                    known.get().assertion().getBytes(StandardCharsets.UTF_8)).get(0));
            if (!accountKey.accountId().equals(modelAssertion.authorityId())) {
                throw DeviceError.badRequest("invalid-model", "the model assertion is signed by key " + keyId
                        + " of account " + accountKey.accountId() + ", not of its authority "
                        + modelAssertion.authorityId());
            }
            AssertionVerifier.verifySignature(modelAssertion, accountKey.publicKey());
        } catch (AssertionException e) {
            throw DeviceError.badRequest("invalid-model", "the model assertion's signature does not verify with"
                    + " the account-key of key " + keyId + ": " + e.getMessage());
        }
    }
}
