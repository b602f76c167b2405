package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the bench reads from the service's configuration file. */
class ServiceConfigTest {
    private static final Path FILE = Path.of("/etc/model-service/model-service.properties");

    private static ServiceConfig config(Map<String, String> values) {
        return ServiceConfig.of(FILE, values);
    }

    @Test
    void signerSettingsLoseTheirPrefix() {
        ServiceConfig config = config(Map.of("signer.pkcs11.token-label", "brand-keys",
                "signer.pkcs11.pin-file", "/etc/hsm.pin", "signer.other.setting", "x", "data-dir", "/var/lib/ms"));

        assertEquals(Map.of("token-label", "brand-keys", "pin-file", "/etc/hsm.pin"), config.signerSettings());
    }

    @Test
    void otherProviderSettingsAreSelected() {
        ServiceConfig config = config(Map.of("signer.provider", "vendor", "signer.vendor.slot", "3",
                "signer.pkcs11.token-label", "brand-keys"));

        assertEquals(Map.of("slot", "3"), config.signerSettings());
        assertEquals("vendor", config.hsmPath());
    }

    @Test
    void hsmPathNamesModule() {
        assertEquals("p11-kit", config(Map.of()).hsmPath());
        assertEquals("p11-kit", config(Map.of("signer.pkcs11.module",
                "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so")).hsmPath());
        assertEquals("libsofthsm2.so", config(Map.of("signer.pkcs11.module",
                "/usr/lib/softhsm/libsofthsm2.so")).hsmPath());
    }

    @Test
    void databaseFollowsUrl() {
        assertEquals("HSQLDB", config(Map.of()).database());
        assertEquals("HSQLDB", config(Map.of("database.url", "jdbc:hsqldb:file:/var/db")).database());
        assertEquals("PostgreSQL", config(Map.of("database.url", "jdbc:postgresql://127.0.0.1:5432/ms")).database());
    }

    @Test
    void connectionsDefaultToPluginDefault() {
        assertEquals(2, config(Map.of()).signerConnections());
        assertEquals(1, config(Map.of("signer.pkcs11.connections", "1")).signerConnections());
    }

    @Test
    void requestIdLifetimeHasDefault() {
        assertEquals(Duration.ofSeconds(600), config(Map.of()).requestIdLifetime());
        assertEquals(Duration.ofSeconds(30),
                config(Map.of("registration.request-id-lifetime-s", "30")).requestIdLifetime());
    }

    @Test
    void everyInterfaceIsReachedThroughLoopback() {
        ServiceConfig config = config(Map.of("device.host", "0.0.0.0", "device.port", "8080"));

        assertEquals(URI.create("http://127.0.0.1:8080/"), config.deviceUrl());
        assertEquals(URI.create("http://127.0.0.1:8081/"), config.adminUrl());
        assertEquals(URI.create("http://[::1]:9000/"), config(Map.of("admin.host", "::", "admin.port", "9000"))
                .adminUrl());
    }

    @Test
    void pickedPortNeedsUrlOption() {
        BenchException error = assertThrows(BenchException.class,
                () -> config(Map.of("device.port", "0")).deviceUrl());

        assertTrue(error.getMessage().contains("give the --device-url that the service printed"), error.getMessage());
    }

    @Test
    void pluginsDirResolvesAgainstFileFolder() {
        assertEquals(Optional.of(Path.of("/etc/model-service/plugins")),
                config(Map.of("plugins-dir", "plugins")).pluginsDir());
    }
}
