package dev.modelservice.cli;

import static dev.modelservice.cli.SoftwareKeys.publicKey;
import static dev.modelservice.cli.SoftwareKeys.rsaKeyPair;
import static dev.modelservice.cli.SoftwareKeys.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.AccountKey;
import dev.modelservice.assertions.AccountKeyRequest;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.Serial;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * test-device against the real service: models, keys and serial policies made with the admin
 * commands, then a device registered through the device API as snapd registers one.
 */
@ExtendWith(RunningService.class)
class TestDeviceCommandTest {
    private static KeyPair storeRootKey;

    @TempDir
    Path folder;

    private AdminCli cli;
    private String deviceUrl;

    @BeforeAll
    static void createStoreRootKey() throws Exception {
        storeRootKey = rsaKeyPair();
    }

    @BeforeEach
    void logIn(RunningService.Service service) {
        cli = new AdminCli(folder.resolve("config")).loggedIn(service);
        deviceUrl = service.service().deviceUri().toString();
    }

    @Test
    void serialNamesBrandModelAndSerial() throws Exception {
        modelWithPolicy("named-model", false);

        Serial serial = Serial.of(decode(testDevice("named-model", "named-model-key", "--serial", "N-1")));

        assertEquals(RunningService.BRAND + "/named-model/N-1",
                serial.brandId() + "/" + serial.model() + "/" + serial.serial());
    }

    @Test
    void serialVerifiesWithImportedAccountKey() throws Exception {
        AccountKey accountKey = modelWithPolicy("verified-model", true);

        Assertion serial = decode(testDevice("verified-model", "verified-model-key", "--serial", "V-1"));

        AssertionVerifier.verifySignature(serial, accountKey.publicKey());
    }

    @Test
    void summarySaysSignatureWasVerified() throws Exception {
        AccountKey accountKey = modelWithPolicy("summary-model", true);

        AdminCli.Outcome outcome = cli.run(arguments("summary-model", "summary-model-key", "--serial", "S-1"));

        assertTrue(outcome.err().contains("signature verified with the account-key of " + accountKey.publicKeyId()),
                outcome.all());
    }

    @Test
    void summaryWithoutAccountKeySaysUnchecked() {
        modelWithPolicy("unchecked-model", false);

        AdminCli.Outcome outcome = cli.run(arguments("unchecked-model", "unchecked-model-key", "--serial", "U-1"));

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("signature not checked"), outcome.all());
    }

    @Test
    void serialWrittenToOutputFile() throws Exception {
        modelWithPolicy("file-model", false);
        Path output = folder.resolve("serial.assert");

        AdminCli.Outcome outcome = cli.run(arguments("file-model", "file-model-key", "--serial", "F-1",
                "--output", output.toString()));

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertEquals("F-1", AssertionDecoder.decode(Files.readAllBytes(output)).headerString("serial"));
    }

    @Test
    void modelAssertionIsSentWithRequest() throws Exception {
        modelWithPolicy("asserted-model", false);
        Path modelFile = modelAssertion("asserted-model");

        AdminCli.Outcome outcome = cli.run(arguments("asserted-model", "asserted-model-key", "--serial", "M-1",
                "--model-assertion", modelFile.toString()));

        assertEquals(0, outcome.exitStatus(), outcome.all());
    }

    @Test
    void otherModelsAssertionIsRejected() throws Exception {
        modelWithPolicy("mismatched-model", false);
        Path modelFile = modelAssertion("some-other-model");

        AdminCli.Outcome outcome = cli.run(arguments("mismatched-model", "mismatched-model-key", "--serial", "X-1",
                "--model-assertion", modelFile.toString()));

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("HTTP 400: the model assertion is for model some-other-model"),
                outcome.all());
    }

    @Test
    void wrongApiKeyFailsWithServiceMessage() {
        modelWithPolicy("guarded-model", false);

        AdminCli.Outcome outcome = cli.run(arguments("guarded-model", "not-the-api-key", "--serial", "G-1"));

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().startsWith("model-admin: POST request-id at " + deviceUrl
                + " failed: HTTP 401: missing or unknown API key"), outcome.all());
    }

    @Test
    void takenSerialFailsWithServiceMessage() {
        modelWithPolicy("taken-model", false);
        cli.run(arguments("taken-model", "taken-model-key", "--serial", "T-1"));

        AdminCli.Outcome outcome = cli.run(arguments("taken-model", "taken-model-key", "--serial", "T-1"));

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("POST serial at " + deviceUrl + " failed: HTTP 409: serial T-1"),
                outcome.all());
    }

    @Test
    void assignedSerialFollowsModelFormat() throws Exception {
        modelWithPolicy("assigned-model", false);
        require(cli.run("update", "model", "assigned-model", "--serial-format", "AS-{date}-{hex:16}"));

        Serial serial = Serial.of(decode(testDevice("assigned-model", "assigned-model-key")));

        assertTrue(serial.serial().matches("AS-2[0-9]{7}-[0-9a-f]{16}"), serial.serial());
    }

    @Test
    void keyBitsOutOfRangeIsUsageError() {
        AdminCli.Outcome outcome = cli.run("test-device", "--url", deviceUrl, "--api-key", "k", "--brand", "b",
                "--model", "m", "--key-bits", "1024");

        assertEquals(2, outcome.exitStatus(), outcome.all());
    }

    /** Creates a 2048-bit signing key, the model with API key NAME-key and its serial policy. */
    private AccountKey modelWithPolicy(String name, boolean importAccountKey) {
        String keyName = name + "-signing";
        require(cli.set("BRAND_ACCOUNT_ID", RunningService.BRAND).run("create", "key", keyName, "--bits", "2048"));
        require(cli.run("create", "model", name, "--api-key", name + "-key"));
        require(cli.run("create", "serial-policy", "--model", name, "--key", keyName));
        if (!importAccountKey) {
            return null;
        }
        try {
            Path accountKey = storeAnswer(require(cli.run("register-key", keyName)).out(), name + ".account-key");
            require(cli.run("push-account-keys", accountKey.toString()));
            return AccountKey.of(AssertionDecoder.decode(Files.readAllBytes(accountKey)));
        } catch (Exception e) {
            throw new AssertionError("cannot register signing key " + keyName, e);
        }
    }

    private String[] arguments(String model, String apiKey, String... more) {
        String[] base = {"test-device", "--url", deviceUrl, "--api-key", apiKey, "--brand", RunningService.BRAND,
            "--model", model, "--key-bits", "2048"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private String testDevice(String model, String apiKey, String... more) {
        return require(cli.run(arguments(model, apiKey, more))).out();
    }

    private static AdminCli.Outcome require(AdminCli.Outcome outcome) {
        if (outcome.exitStatus() != 0) {
            throw new AssertionError("model-admin failed: " + outcome.all());
        }
        return outcome;
    }

    private static Assertion decode(String text) throws Exception {
        return AssertionDecoder.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs an account-key for the requested key, as the store does on registration, and saves it. */
    private Path storeAnswer(String requestText, String fileName) throws Exception {
        AccountKeyRequest request = AccountKeyRequest.of(decode(requestText));
        Assertion accountKey = AssertionBuilder.of(AssertionType.ACCOUNT_KEY)
                .header("authority-id", "test-store")
                .header("account-id", request.accountId())
                .header("name", request.name())
                .header("public-key-sha3-384", request.publicKey().id())
                .header("since", "2026-01-01T00:00:00Z")
                .body(request.publicKey().encode())
                .sign(publicKey(storeRootKey), Instant.now(), data -> sign(storeRootKey, data));
        return Files.write(folder.resolve(fileName), accountKey.encode());
    }

    /** Writes a model assertion of the brand, signed by a key the service does not know, which it accepts by default. */
    private Path modelAssertion(String model) throws Exception {
        KeyPair brandKey = rsaKeyPair();
        Assertion assertion = AssertionBuilder.of(AssertionType.MODEL)
                .header("authority-id", RunningService.BRAND)
                .header("series", "16")
                .header("brand-id", RunningService.BRAND)
                .header("model", model)
                .header("architecture", "amd64")
                .header("gadget", "pc")
                .header("kernel", "pc-kernel")
                .header("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .sign(publicKey(brandKey), Instant.now(), data -> sign(brandKey, data));
        return Files.write(folder.resolve(model + ".model"), assertion.encode());
    }
}
