package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftHsmExtension.class)
class ConfigurationErrorTest {

    private static SignerException startFails(Map<String, String> settings, Map<String, String> overrides) {
        return assertThrows(SignerException.class, () -> {
            try (Signer signer = Signers.create(settings, overrides)) {
                signer.start();
            }
        });
    }

    @Test
    void wrongPinIsPermanent(SoftHsm hsm) throws Exception {
        Path wrongPin = Files.writeString(hsm.folder().resolve("wrong.pin"), "0000");

        SignerException error = startFails(hsm.signerSettings(), Map.of("pin-file", wrongPin.toString()));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("CKR_PIN_INCORRECT"), error.getMessage());
        assertFalse(error.getMessage().contains("0000"), "the message shows the PIN: " + error.getMessage());
    }

    @Test
    void missingTokenLabelListsTokensFound(SoftHsm hsm) {
        SignerException error = startFails(hsm.signerSettings(), Map.of("token-label", "no-such-token"));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("\"no-such-token\""), error.getMessage());
        assertTrue(error.getMessage().contains("tokens found: " + SoftHsmExtension.TOKEN_LABEL), error.getMessage());
    }

    @Test
    void serverAddressMustMatchEnvironment(SoftHsm hsm) {
        SignerException error = assertThrows(SignerException.class, () -> Signers.create(hsm.signerSettings(),
                Map.of("server-address", "unix:path=/run/elsewhere.sock")));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("P11_KIT_SERVER_ADDRESS=unix:path=/run/elsewhere.sock"),
                error.getMessage());
    }

    @Test
    void missingModuleIsConfigurationError(SoftHsm hsm) {
        SignerException error = assertThrows(SignerException.class,
                () -> Signers.create(hsm.signerSettings(), Map.of("module", "/no/such/module.so")));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("/no/such/module.so"), error.getMessage());
    }

    @Test
    void unknownSettingIsNamed(SoftHsm hsm) {
        SignerException error = assertThrows(SignerException.class,
                () -> Signers.create(hsm.signerSettings(), Map.of("sessions", "4")));

        assertTrue(error.getMessage().contains("[sessions]"), error.getMessage());
    }

    @Test
    void stoppedServerIsTemporary(SoftHsm hsm) throws Exception {
        hsm.server().stop();
        try {
            SignerException error = startFails(hsm.signerSettings(), Map.of());

            assertEquals(SignerException.Kind.TOKEN_UNAVAILABLE, error.kind());
        } finally {
            hsm.server().start();
        }
    }
}
