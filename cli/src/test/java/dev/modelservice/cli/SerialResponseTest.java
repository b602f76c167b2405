package dev.modelservice.cli;

import static dev.modelservice.cli.SoftwareKeys.publicKey;
import static dev.modelservice.cli.SoftwareKeys.rsaKeyPair;
import static dev.modelservice.cli.SoftwareKeys.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.AccountKey;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionStreamEncoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.SerialRequest;
import dev.modelservice.cli.admin.CommandFailedException;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks snapd makes on a device service's response, on responses signed here with the codec. */
class SerialResponseTest {
    private static KeyPair brandKey;
    private static KeyPair otherKey;
    private static TestDevice device;
    private static SerialRequest request;

    @BeforeAll
    static void createKeys() throws Exception {
        brandKey = rsaKeyPair();
        otherKey = rsaKeyPair();
        device = TestDevice.generate(2048);
        request = SerialRequest.of(device.serialRequest("acme", "gateway", "request-1", "G-1"));
    }

    @Test
    void matchingSerialWithAccountKeyIsVerified() throws Exception {
        byte[] response = stream(serial("acme", "gateway", device.deviceKey(), brandKey), accountKey("acme", brandKey));

        SerialResponse checked = SerialResponse.check(response, request, null);

        assertEquals(publicKey(brandKey).id(), checked.signingAccountKey().map(AccountKey::publicKeyId).orElse(null));
    }

    @Test
    void serialWithoutAccountKeyIsAccepted() throws Exception {
        byte[] response = stream(serial("acme", "gateway", device.deviceKey(), brandKey));

        assertTrue(SerialResponse.check(response, request, null).signingAccountKey().isEmpty());
    }

    @Test
    void twoSerialsAreRejected() throws Exception {
        Assertion serial = serial("acme", "gateway", device.deviceKey(), brandKey);

        String message = rejection(stream(serial, serial));

        assertTrue(message.contains("contains 2 serial assertions"), message);
    }

    @Test
    void responseWithoutSerialIsRejected() throws Exception {
        byte[] response = stream(accountKey("acme", brandKey));

        String message = rejection(response);

        assertTrue(message.contains("contains 0 serial assertions"), message);
    }

    @Test
    void serialOfAnotherDeviceKeyIsRejected() throws Exception {
        byte[] response = stream(serial("acme", "gateway", publicKey(otherKey), brandKey));

        String message = rejection(response);

        assertTrue(message.contains("does not match the device"), message);
    }

    @Test
    void serialOfAnotherModelIsRejected() throws Exception {
        byte[] response = stream(serial("acme", "router", device.deviceKey(), brandKey));

        String message = rejection(response);

        assertTrue(message.contains("does not match the device"), message);
    }

    @Test
    void serialSignedByAnotherAuthorityIsRejected() throws Exception {
        byte[] response = stream(serial("globex", "acme", "gateway", device.deviceKey(), brandKey));

        String message = rejection(response);

        assertTrue(message.contains("signed by authority 'globex'"), message);
    }

    @Test
    void accountKeyOfAnotherAccountIsRejected() throws Exception {
        byte[] response = stream(serial("acme", "gateway", device.deviceKey(), brandKey), accountKey("globex", brandKey));

        String message = rejection(response);

        assertTrue(message.contains("of account 'globex'"), message);
    }

    private static Assertion serial(String brand, String model, AssertionPublicKey deviceKey, KeyPair signer)
            throws Exception {
        return serial(brand, brand, model, deviceKey, signer);
    }

    private static Assertion serial(String authority, String brand, String model, AssertionPublicKey deviceKey,
            KeyPair signer) throws Exception {
        return AssertionBuilder.of(AssertionType.SERIAL)
                .header("authority-id", authority)
                .header("brand-id", brand)
                .header("model", model)
                .header("serial", "G-1")
                .header("device-key", deviceKey.encode())
                .header("device-key-sha3-384", deviceKey.id())
                .header("timestamp", "2026-03-01T00:00:00Z")
                .sign(publicKey(signer), Instant.parse("2026-03-01T00:00:00Z"), data -> sign(signer, data));
    }

    private static Assertion accountKey(String account, KeyPair key) throws Exception {
        AssertionPublicKey publicKey = publicKey(key);
        return AssertionBuilder.of(AssertionType.ACCOUNT_KEY)
                .header("authority-id", "test-store")
                .header("account-id", account)
                .header("name", "serials")
                .header("public-key-sha3-384", publicKey.id())
                .header("since", "2026-01-01T00:00:00Z")
                .body(publicKey.encode())
                .sign(publicKey(otherKey), Instant.parse("2026-01-01T00:00:00Z"), data -> sign(otherKey, data));
    }

    private static String rejection(byte[] response) {
        return assertThrows(CommandFailedException.class, () -> SerialResponse.check(response, request, null))
                .getMessage();
    }

    private static byte[] stream(Assertion... assertions) {
        return AssertionStreamEncoder.encode(List.of(assertions));
    }
}
