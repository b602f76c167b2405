package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another process, GnuTLS's p11tool over p11-kit-client.so, uses the token at the same
 * time as the signer: each lists and signs with the keys the other creates.
 */
@ExtendWith(SoftHsmExtension.class)
class TwoProcessesTest {
    private static final byte[] DATA = "shared token".getBytes(StandardCharsets.UTF_8);

    @Test
    void keyFromOtherProcessSigns(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey own = signer.generateKey("own-key", 2048);

            try (SigningRun run = new SigningRun(signer, own, 2).start()) {
                hsm.p11tool("--generate-privkey=rsa", "--bits=2048", "--label=p11tool-key", hsm.tokenUri());
                run.stop();

                Optional<SigningKey> foreign = signer.listKeys().stream()
                        .filter(key -> key.name().equals("p11tool-key")).findFirst();
                assertTrue(foreign.isPresent(), "p11tool's key is not listed");
                byte[] signature = signer.sign(foreign.get().handle(), DATA);
                assertTrue(Signers.verifies(foreign.get().publicKey(), DATA, signature));
                assertEquals(0, run.badSignatures());
                assertEquals(List.of(), run.unexpectedErrors());
            }
        }
    }

    @Test
    void otherProcessSignsWithOwnKeyMeanwhile(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey key = signer.generateKey("shared-key", 2048);

            try (SigningRun run = new SigningRun(signer, key, 2).start()) {
                String output = hsm.p11tool("--test-sign", "--hash=SHA512",
                        hsm.tokenUri() + ";object=shared-key;type=private");
                run.awaitCount("signatures while p11tool signs", run::verified, 1);
                run.stop();

                assertTrue(output.contains("Verifying against public key in the token... ok"), output);
                assertEquals(0, run.badSignatures());
                assertEquals(List.of(), run.unexpectedErrors());
            }
        }
    }
}
