package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-service init} on an HSQLDB file database; it needs no HSM. */
class InitTest {

    private static ServiceConfiguration configuration(Path dataDir) {
        return ServiceConfiguration.builder().dataDir(dataDir).build();
    }

    @Test
    void initWritesOwnerOnlyTokenFile(@TempDir Path folder) throws IOException {
        InitResult result = ModelService.init(configuration(folder.resolve("data")), "acme", "Acme Corp");

        assertTrue(result.created());
        assertEquals(folder.resolve("data/admin-token"), result.adminTokenFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(result.adminTokenFile())));
    }

    @Test
    void tokenFileHoldsValidToken(@TempDir Path folder) throws IOException {
        ServiceConfiguration configuration = configuration(folder);
        InitResult result = ModelService.init(configuration, "acme", null);
        String secret = Files.readString(result.adminTokenFile()).strip();

        try (Store store = StoreFactory.open(configuration.storeSettings())) {
            assertEquals("initial-admin", store.adminTokens().authenticate(secret).orElseThrow().name());
            assertEquals("acme", store.brandAccounts().find("acme").orElseThrow().displayName());
        }
    }

    @Test
    void secondRunChangesNothing(@TempDir Path folder) throws IOException {
        ServiceConfiguration configuration = configuration(folder);
        InitResult first = ModelService.init(configuration, "acme", "Acme Corp");
        String secret = Files.readString(first.adminTokenFile());

        InitResult second = ModelService.init(configuration, "acme", "Acme Corp");

        assertFalse(second.created());
        assertTrue(second.message().contains("nothing changed"), second.message());
        assertEquals(secret, Files.readString(first.adminTokenFile()));
    }

    @Test
    void otherBrandOnInitialisedDatabaseIsRejected(@TempDir Path folder) {
        ServiceConfiguration configuration = configuration(folder);
        ModelService.init(configuration, "acme", "Acme Corp");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelService.init(configuration, "globex", null));

        assertTrue(e.getMessage().contains("'acme'"), e.getMessage());
    }

    @Test
    void invalidAccountIdIsRejected(@TempDir Path folder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelService.init(configuration(folder), "Acme_Corp", null));

        assertTrue(e.getMessage().contains("'Acme_Corp'"), e.getMessage());
    }

    @Test
    void initIsAudited(@TempDir Path folder) {
        ServiceConfiguration configuration = configuration(folder);
        ModelService.init(configuration, "acme", "Acme Corp");

        try (Store store = StoreFactory.open(configuration.storeSettings())) {
            assertEquals("model-service init", store.auditLog().list(null, 10).get(0).tokenName());
        }
    }
}
