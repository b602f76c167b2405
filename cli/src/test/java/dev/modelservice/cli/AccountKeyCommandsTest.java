package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.AccountKeyRequest;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air-gapped registration of a signing key: register-key writes the account-key-request,
 * the test plays the store and signs an account-key for it, and push-account-keys imports it.
 */
@ExtendWith(RunningService.class)
class AccountKeyCommandsTest {
    private static KeyPair storeRootKey;

    @TempDir
    Path folder;

    private AdminCli cli;

    @BeforeAll
    static void createStoreRootKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        storeRootKey = generator.generateKeyPair();
    }

    @BeforeEach
    void logIn(RunningService.Service service) {
        cli = new AdminCli(folder.resolve("config")).loggedIn(service);
    }

    @Test
    void requestIsSelfSignedByKey() throws Exception {
        String keyId = createKey("requested");

        AdminCli.Outcome outcome = cli.run("register-key", keyId);
        Assertion request = AssertionDecoder.decode(outcome.out().getBytes(StandardCharsets.UTF_8));

        assertEquals("account-key-request", request.type().name(), "type");
        assertEquals(keyId, request.headerString("public-key-sha3-384"), "key id");
        AssertionVerifier.verifySelfSigned(request);
    }

    @Test
    void requestNamesBrandAndKey() throws Exception {
        createKey("named");

        Assertion request = AssertionDecoder.decode(cli.run("register-key", "named").out().getBytes(StandardCharsets.UTF_8));

        assertEquals(RunningService.BRAND, request.headerString("account-id"), "account-id");
        assertEquals("named", request.headerString("name"), "name");
    }

    @Test
    void requestWrittenToOutputFile() throws Exception {
        String keyId = createKey("to-file");
        Path output = folder.resolve("to-file.request");

        AdminCli.Outcome outcome = cli.run("register-key", "to-file", "--output", output.toString());

        assertTrue(outcome.out().contains(output.toString()), outcome.all());
        assertEquals(keyId, AssertionDecoder.decode(Files.readAllBytes(output)).headerString("public-key-sha3-384"));
    }

    @Test
    void storeSignedAccountKeyIsImported() throws Exception {
        createKey("registered");
        Path accountKey = storeAnswer(cli.run("register-key", "registered").out(), "registered.assert");

        AdminCli.Outcome outcome = cli.run("push-account-keys", accountKey.toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().startsWith(accountKey + ": imported: "), outcome.out());
        assertEquals("known", cli.run("list", "keys").tableRow("registered").get(2), "list keys");
    }

    @Test
    void secondImportIsUnchanged() throws Exception {
        createKey("twice-pushed");
        Path accountKey = storeAnswer(cli.run("register-key", "twice-pushed").out(), "twice-pushed.assert");
        cli.run("push-account-keys", accountKey.toString());

        AdminCli.Outcome outcome = cli.run("push-account-keys", accountKey.toString());

        assertTrue(outcome.out().startsWith(accountKey + ": unchanged: "), outcome.all());
    }

    @Test
    void importedAccountKeyIsListed() throws Exception {
        String keyId = createKey("listed");
        cli.run("push-account-keys", storeAnswer(cli.run("register-key", "listed").out(), "listed.assert").toString());

        AdminCli.Outcome outcome = cli.run("list", "account-keys");

        assertEquals("listed", outcome.tableRow(keyId).get(5), outcome.out());
    }

    @Test
    void keyWithoutAccountKeyIsNotKnown() throws Exception {
        createKey("unregistered");

        assertEquals("not known", cli.run("list", "keys").tableRow("unregistered").get(2));
    }

    @Test
    void foreignAccountKeyIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        AssertionPublicKey elsewhere = AssertionPublicKey.of((RSAPublicKey) generator.generateKeyPair().getPublic());
        Path accountKey = storeAnswer(elsewhere, "globex", "elsewhere", "elsewhere.assert");

        AdminCli.Outcome outcome = cli.run("push-account-keys", accountKey.toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().startsWith(accountKey + ": rejected: "), outcome.out());
    }

    private String createKey(String name) {
        AdminCli.Outcome outcome = cli.run("create", "key", name, "--bits", "2048");
        if (outcome.exitStatus() != 0) {
            throw new AssertionError("create key failed: " + outcome.all());
        }
        return cli.run("list", "keys").tableRow(name).get(1);
    }

    private Path storeAnswer(String requestText, String fileName) throws Exception {
        AccountKeyRequest request = AccountKeyRequest.of(AssertionDecoder.decode(
                requestText.getBytes(StandardCharsets.UTF_8)));
        return storeAnswer(request.publicKey(), request.accountId(), request.name(), fileName);
    }

    /** Signs an account-key for the key, as the store does on registration, and saves it. */
    private Path storeAnswer(AssertionPublicKey key, String accountId, String name, String fileName) throws Exception {
        AssertionPublicKey rootKey = AssertionPublicKey.of((RSAPublicKey) storeRootKey.getPublic());

        Assertion accountKey = AssertionBuilder.of(AssertionType.ACCOUNT_KEY)
                .header("authority-id", "test-store")
                .header("account-id", accountId)
                .header("name", name)
                .header("public-key-sha3-384", key.id())
                .header("since", "2026-01-01T00:00:00Z")
                .body(key.encode())
                .sign(rootKey, Instant.now(), AccountKeyCommandsTest::signWithStoreRoot);
        return Files.write(folder.resolve(fileName), accountKey.encode());
    }

    private static byte[] signWithStoreRoot(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(storeRootKey.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}
