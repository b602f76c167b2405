package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MODEL_SERVICE_* variables over a configuration file, with the environment given as a map. */
class EnvironmentOverridesTest {
    @TempDir
    Path folder;

    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        file = Files.writeString(folder.resolve("model-service.conf"), String.join("\n",
                "data-dir = data",
                "device.port = 8080",
                "signer.pkcs11.token-label = from-file",
                ""));
    }

    @Test
    void variableNameUpperCasesKey() {
        assertEquals("MODEL_SERVICE_DEVICE_PORT", EnvironmentOverrides.variableName("device.port"));
        assertEquals("MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL",
                EnvironmentOverrides.variableName("signer.pkcs11.token-label"));
    }

    @Test
    void variableWinsOverFile() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_DEVICE_PORT", "9090"));

        assertEquals(9090, configuration.devicePort());
    }

    @Test
    void variableSetsKeyMissingFromFile() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_ADMIN_HOST", "127.0.0.2"));

        assertEquals("127.0.0.2", configuration.adminHost());
    }

    @Test
    void variableSetsSignerSetting() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL", "from-environment",
                        "MODEL_SERVICE_SIGNER_PKCS11_PIN_FILE", "/etc/model-service/hsm.pin"));

        assertEquals("from-environment", configuration.signerSettings().get("token-label"));
        assertEquals("/etc/model-service/hsm.pin", configuration.signerSettings().get("pin-file"));
    }

    @Test
    void variableSelectsProviderOfSignerSettings() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_SIGNER_PROVIDER", "vendor", "MODEL_SERVICE_SIGNER_VENDOR_SLOT", "3"));

        assertEquals(Map.of("slot", "3"), configuration.signerSettings());
    }

    @Test
    void relativePathIsResolvedAgainstFileFolder() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_DATA_DIR", "elsewhere"));

        assertEquals(folder.resolve("elsewhere"), configuration.dataDir());
    }

    @Test
    void keysFromEnvironmentAreListed() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_DEVICE_PORT", "9090", "MODEL_SERVICE_SIGNER_PKCS11_PIN_ENV", "HSM_PIN"));

        assertEquals(Map.of("device.port", "MODEL_SERVICE_DEVICE_PORT",
                "signer.pkcs11.pin-env", "MODEL_SERVICE_SIGNER_PKCS11_PIN_ENV"), configuration.environmentVariables());
    }

    @Test
    void toStringNamesKeysWithoutValues() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_SIGNER_PKCS11_PIN_ENV", "SECRET_NAME"));

        assertTrue(configuration.toString().contains("from environment=[signer.pkcs11.pin-env]"),
                configuration.toString());
        assertFalse(configuration.toString().contains("SECRET_NAME"), configuration.toString());
    }

    @Test
    void unknownVariableStopsLoad() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.load(file, Map.of("MODEL_SERVICE_ADMIN_PROT", "8081")));

        assertEquals("MODEL_SERVICE_ADMIN_PROT", e.key());
        assertTrue(e.getMessage().startsWith("Unknown environment variable MODEL_SERVICE_ADMIN_PROT: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("the nearest valid variables are MODEL_SERVICE_ADMIN_PORT (admin.port)"),
                e.getMessage());
    }

    @Test
    void otherProvidersVariableIsUnknown() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.load(file, Map.of("MODEL_SERVICE_SIGNER_VENDOR_SLOT", "3")));

        assertTrue(e.getMessage().contains("MODEL_SERVICE_SIGNER_PKCS11_SETTING sets a setting of the selected"
                + " signer provider"), e.getMessage());
    }

    @Test
    void launcherVariableIsNoKey() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_JAVA_OPTS", "-Xmx1g"));

        assertEquals(Map.of(), configuration.environmentVariables());
    }

    @Test
    void variablesWithoutPrefixAreIgnored() {
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("DEVICE_PORT", "1", "P11_KIT_SERVER_ADDRESS", "unix:path=/run/p11.sock"));

        assertEquals(8080, configuration.devicePort());
    }

    @Test
    void invalidValueNamesVariable() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.load(file, Map.of("MODEL_SERVICE_ADMIN_PORT", "eighty")));

        assertEquals("admin.port", e.key());
        assertTrue(e.getMessage().startsWith("In environment variable MODEL_SERVICE_ADMIN_PORT: admin.port is"
                + " \"eighty\"; expected a TCP port"), e.getMessage());
    }

    @Test
    void invalidFileValueNamesFile() throws IOException {
        Files.writeString(file, "admin.port = eighty\n");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.load(file, Map.of("MODEL_SERVICE_DEVICE_PORT", "9090")));

        assertTrue(e.getMessage().startsWith("In " + file + ": admin.port"), e.getMessage());
    }
}
