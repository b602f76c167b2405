package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftHsmExtension.class)
class Pkcs11SignerTest {
    private static final byte[] DATA = "type: serial\nbrand-id: example\n".getBytes(StandardCharsets.UTF_8);

    private static Signer signer;
    private static SigningKey key;

    @BeforeAll
    static void startSigner(SoftHsm hsm) throws Exception {
        signer = Signers.start(hsm.signerSettings());
        key = signer.generateKey("brand-key", 2048);
    }

    @AfterAll
    static void stopSigner() {
        if (signer != null) {
            signer.close();
        }
    }

    @Test
    void generatedKeyHasRequestedSize() {
        assertEquals(2048, key.modulusBits());
    }

    @Test
    void generatedKeyIsListed() throws Exception {
        List<SigningKey> keys = signer.listKeys();

        assertTrue(keys.contains(key), "listed: " + keys);
    }

    @Test
    void findReturnsGeneratedKey() throws Exception {
        assertEquals(key, signer.findKey(key.handle()));
    }

    @Test
    void signatureVerifiesWithPublicKey() throws Exception {
        byte[] signature = signer.sign(key.handle(), DATA);

        assertEquals(256, signature.length);
        assertTrue(Signers.verifies(key.publicKey(), DATA, signature));
    }

    @Test
    void signatureIsDeterministic() throws Exception {
        // PKCS#1 v1.5 has no randomness, so equal input gives equal signatures.
        assertArrayEquals(signer.sign(key.handle(), DATA), signer.sign(key.handle(), DATA));
    }

    @Test
    void defaultKeyIsRsa4096() throws Exception {
        SigningKey large = signer.generateKey("default-size-key");

        assertEquals(4096, large.modulusBits());
        assertTrue(Signers.verifies(large.publicKey(), DATA, signer.sign(large.handle(), DATA)));
    }

    @Test
    void duplicateNameIsRejected() {
        SignerException error = assertThrows(SignerException.class, () -> signer.generateKey("brand-key", 2048));

        assertEquals(SignerException.Kind.KEY_EXISTS, error.kind());
        assertTrue(error.getMessage().contains("\"brand-key\""), error.getMessage());
    }

    @Test
    void unknownHandleIsKeyNotFound() {
        SignerException error = assertThrows(SignerException.class,
                () -> signer.sign(new KeyHandle("00112233445566778899aabbccddeeff"), DATA));

        assertEquals(SignerException.Kind.KEY_NOT_FOUND, error.kind());
    }

    @Test
    void foreignHandleIsKeyNotFound() {
        SignerException error = assertThrows(SignerException.class,
                () -> signer.findKey(new KeyHandle("not-hex")));

        assertEquals(SignerException.Kind.KEY_NOT_FOUND, error.kind());
        assertTrue(error.getMessage().contains("not-hex"), error.getMessage());
    }

    @Test
    void smallModulusIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> signer.generateKey("small-key", 1024));
    }

    @Test
    void privateKeyCannotLeaveToken(SoftHsm hsm) throws Exception {
        String listing = hsm.p11tool("--list-all", hsm.tokenUri() + ";object=brand-key;type=private");

        assertTrue(listing.contains("CKA_SENSITIVE"), listing);
        assertTrue(listing.contains("CKA_NEVER_EXTRACTABLE"), listing);
        assertTrue(!listing.contains("CKA_EXTRACTABLE"), listing);
    }

    @Test
    void bothHalvesShareIdAndLabel(SoftHsm hsm) throws Exception {
        String listing = hsm.p11tool("--list-all", hsm.tokenUri() + ";object=brand-key");
        String expectedId = key.handle().value().replaceAll("(..)(?!$)", "$1:");

        List<String> ids = listing.lines().map(String::strip).filter(line -> line.startsWith("ID:"))
                .collect(Collectors.toList());
        assertEquals(List.of("ID: " + expectedId, "ID: " + expectedId), ids, listing);
    }

    @Test
    void healthCheckSignsWithConfiguredKey(SoftHsm hsm) throws Exception {
        try (Signer checked = Signers.create(hsm.signerSettings(), Map.of("health-check-key", "brand-key"))) {
            checked.start();

            assertDoesNotThrow(checked::checkHealth);
        }
    }

    @Test
    void healthCheckReportsMissingKey(SoftHsm hsm) throws Exception {
        try (Signer checked = Signers.create(hsm.signerSettings(), Map.of("health-check-key", "no-such-key"))) {
            checked.start();

            SignerException error = assertThrows(SignerException.class, checked::checkHealth);

            assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        }
    }

    @Test
    void healthCheckWithoutKeyPassesWhenUp() {
        assertDoesNotThrow(signer::checkHealth);
    }

    @Test
    void toStringShowsState() {
        String text = signer.toString();

        assertTrue(text.contains("state=STARTED"), text);
        assertTrue(text.contains("signing connection 2: READY"), text);
    }

    @Test
    void closedSignerRejectsCalls(SoftHsm hsm) throws Exception {
        Signer closed = Signers.start(hsm.signerSettings());
        closed.close();

        assertThrows(IllegalStateException.class, () -> closed.sign(key.handle(), DATA));
    }
}
