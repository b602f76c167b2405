package dev.modelservice.signer.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.SignerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs11ConfigurationTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path folder;

    private Map<String, String> settings;

    @BeforeEach
    void minimalSettings() throws Exception {
        Path module = Files.writeString(folder.resolve("module.so"), "");
        Path pin = Files.writeString(folder.resolve("user.pin"), "1234\n");
        settings = new HashMap<>(Map.of(
                "module", module.toString(), "token-label", "brand", "pin-file", pin.toString()));
    }

    private Pkcs11Configuration parse(Map<String, String> environment) throws SignerException {
        return Pkcs11Configuration.parse(settings, environment::get);
    }

    private SignerException rejected(Map<String, String> environment) {
        SignerException error = assertThrows(SignerException.class, () -> parse(environment));
        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        return error;
    }

    @Test
    void defaultsApply() throws Exception {
        Pkcs11Configuration configuration = parse(NO_ENVIRONMENT);

        assertEquals(2, configuration.connections());
        assertEquals(2, configuration.sessionsPerConnection());
        assertEquals(Duration.ofSeconds(5), configuration.sessionWait());
        assertEquals(Duration.ofMinutes(10), configuration.keyGenerationTimeout());
    }

    @Test
    void pinFileIsStripped() throws Exception {
        assertArrayEquals("1234".toCharArray(), parse(NO_ENVIRONMENT).pin());
    }

    @Test
    void missingPinFileIsNamed() {
        Path absent = folder.resolve("absent.pin");
        settings.put("pin-file", absent.toString());

        assertEquals("pin-file " + absent + " does not exist; give the path of the file with the user PIN",
                rejected(NO_ENVIRONMENT).getMessage());
    }

    @Test
    void pinFromEnvironment() throws Exception {
        settings.remove("pin-file");
        settings.put("pin-env", "HSM_PIN");

        assertArrayEquals("9876".toCharArray(), parse(Map.of("HSM_PIN", "9876")).pin());
    }

    @Test
    void unsetPinVariableIsNamed() {
        settings.remove("pin-file");
        settings.put("pin-env", "HSM_PIN");

        assertTrue(rejected(NO_ENVIRONMENT).getMessage().contains("HSM_PIN"));
    }

    @Test
    void bothPinSourcesAreRejected() {
        settings.put("pin-env", "HSM_PIN");

        assertTrue(rejected(Map.of("HSM_PIN", "1")).getMessage().contains("exactly one"));
    }

    @Test
    void missingTokenLabelIsNamed() {
        settings.remove("token-label");

        assertTrue(rejected(NO_ENVIRONMENT).getMessage().contains("token-label"));
    }

    @Test
    void zeroConnectionsIsRejected() {
        settings.put("connections", "0");

        assertTrue(rejected(NO_ENVIRONMENT).getMessage().contains("connections is \"0\""));
    }

    @Test
    void nonNumericTimeoutIsRejected() {
        settings.put("call-timeout-ms", "5s");

        assertTrue(rejected(NO_ENVIRONMENT).getMessage().contains("milliseconds"));
    }

    @Test
    void serverAddressMatchingEnvironmentIsAccepted() throws Exception {
        settings.put("server-address", "unix:path=/run/p11-kit/hsm.sock");

        Pkcs11Configuration configuration = parse(Map.of("P11_KIT_SERVER_ADDRESS", "unix:path=/run/p11-kit/hsm.sock"));

        assertEquals("unix:path=/run/p11-kit/hsm.sock", configuration.serverAddress().orElseThrow());
    }

    @Test
    void serverAddressWithoutEnvironmentIsRejected() {
        settings.put("server-address", "unix:path=/run/p11-kit/hsm.sock");

        assertTrue(rejected(NO_ENVIRONMENT).getMessage().contains("P11_KIT_SERVER_ADDRESS is not set"));
    }

    @Test
    void toStringHidesPin() throws Exception {
        assertFalse(parse(NO_ENVIRONMENT).toString().contains("1234"));
    }
}
