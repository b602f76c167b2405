package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigurationTest {

    @Test
    void defaultsServeAdminOnLoopback() {
        ServiceConfiguration configuration = ServiceConfiguration.builder().build();

        assertEquals("127.0.0.1", configuration.adminHost());
        assertEquals(8081, configuration.adminPort());
        assertEquals("pkcs11", configuration.signerProvider());
        assertEquals(Duration.ofMinutes(15), configuration.adminIdleTimeout());
        assertEquals(Path.of("/var/lib/model-service"), configuration.dataDir());
    }

    @Test
    void signerSettingsLoseTheirPrefix() {
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("signer.pkcs11.token-label", "brand-keys")
                .set("signer.pkcs11.pin-file", "/etc/model-service/hsm.pin")
                .build();

        assertEquals(Map.of("token-label", "brand-keys", "pin-file", "/etc/model-service/hsm.pin"),
                configuration.signerSettings());
    }

    @Test
    void otherProvidersSettingsAreLeftOut() {
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("signer.provider", "vendor")
                .set("signer.pkcs11.token-label", "brand-keys")
                .set("signer.vendor.slot", "3")
                .build();

        assertEquals(Map.of("slot", "3"), configuration.signerSettings());
    }

    @Test
    void badPortNamesKeyValueAndRange() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("admin.port", "80a").build());

        assertEquals("admin.port", e.key());
        assertTrue(e.getMessage().contains("\"80a\""), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 65535"), e.getMessage());
    }

    @Test
    void portAboveRangeIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("admin.port", "65536").build());

        assertEquals("admin.port", e.key());
    }

    @Test
    void metricsNeedNoTokenByDefault() {
        assertFalse(ServiceConfiguration.builder().build().adminMetricsRequireToken());
    }

    @Test
    void metricsRequireTokenTakesOnlyTrueOrFalse() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("admin.metrics-require-token", "yes").build());

        assertEquals("admin.metrics-require-token", e.key());
        assertTrue(e.getMessage().contains("\"yes\"; expected true or false"), e.getMessage());
    }

    @Test
    void unknownKeyIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("admin.prot", "8081").build());

        assertEquals("admin.prot", e.key());
        assertTrue(e.getMessage().contains("the nearest valid keys are admin.port, admin.host, "), e.getMessage());
    }

    @Test
    void emptyHostIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("admin.host", "").build());

        assertEquals("admin.host", e.key());
    }

    @Test
    void shortConnectionTimeoutIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("database.connection-timeout-ms", "100").build());

        assertEquals("database.connection-timeout-ms", e.key());
        assertTrue(e.getMessage().contains("at least 250"), e.getMessage());
    }

    @Test
    void databaseUrlNeedsUser() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("database.url", "jdbc:postgresql://127.0.0.1/models").build());

        assertEquals("database.user", e.key());
    }

    @Test
    void unsupportedDatabaseUrlIsRejected() {
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("database.url", "jdbc:mysql://127.0.0.1/models")
                .set("database.user", "models")
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::storeSettings);

        assertEquals("database.url", e.key());
    }

    @Test
    void providerNameWithDotIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServiceConfiguration.builder().set("signer.provider", "pkcs.11").build());

        assertEquals("signer.provider", e.key());
    }

    @Test
    void fileResolvesRelativePathsAgainstItsFolder(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("model-service.properties"),
                "data-dir = data\nplugins-dir = plugins\nsigner.pkcs11.token-label = brand-keys\n");

        ServiceConfiguration configuration = ServiceConfiguration.load(file, Map.of());

        assertEquals(folder.resolve("data"), configuration.dataDir());
        assertEquals(folder.resolve("plugins"), configuration.pluginsDir().orElseThrow());
        assertEquals(folder.resolve("data/admin-token"), configuration.adminTokenFile());
    }

    @Test
    void fileErrorNamesTheFile(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("model-service.properties"), "admin.port = many\n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.load(file, Map.of()));

        assertTrue(e.getMessage().startsWith("In " + file), e.getMessage());
        assertEquals("admin.port", e.key());
    }

    @Test
    void keyGivenTwiceIsRejected(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("model-service.properties"),
                "admin.port = 8081\ndevice.port = 8080\nadmin.port = 9081\n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.load(file, Map.of()));

        assertEquals("Configuration file " + file + " sets admin.port twice; keep one line for it", e.getMessage());
    }

    @Test
    void missingFileIsReported(@TempDir Path folder) {
        Path file = folder.resolve("absent.properties");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.load(file, Map.of()));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void passwordFileIsReadForStore(@TempDir Path folder) throws IOException {
        Path password = Files.writeString(folder.resolve("db.password"), "s3cret\n");
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("database.url", "jdbc:postgresql://127.0.0.1:5432/models")
                .set("database.user", "models")
                .set("database.password-file", password.toString())
                .build();

        assertEquals("s3cret", configuration.storeSettings().password());
    }

    @Test
    void toStringLeavesOutSignerValues() {
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("signer.pkcs11.pin-env", "SECRET_NAME")
                .build();

        assertTrue(!configuration.toString().contains("SECRET_NAME"), configuration.toString());
    }
}
