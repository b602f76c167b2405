package dev.modelservice.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import dev.modelservice.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HSQLDB database: where its files go and the options the store sets on it. */
class EmbeddedDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void filesAreCreatedInMissingFolder() {
        Path databaseFolder = folder.resolve("var/lib/model-service");

        try (Store store = StoreFactory.open(StoreSettings.embedded(databaseFolder))) {
            store.brandAccounts().create("brand-one", "Brand One");
        }

        assertTrue(Files.exists(databaseFolder.resolve("model-service.script")));
    }

    @Test
    void concurrencyAndDurabilityOptionsPersist() throws SQLException {
        StoreSettings settings = StoreSettings.embedded(folder);
        StoreFactory.open(settings).close();

        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
            assertEquals("mvcc", property(connection, "hsqldb.tx"));
            assertEquals("false", property(connection, "hsqldb.write_delay"));
            assertEquals("cached", property(connection, "hsqldb.default_table_type"));
        }
    }

    private static String property(Connection connection, String name) throws SQLException {
        String sql = "SELECT property_value FROM information_schema.system_properties WHERE property_name = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "HSQLDB has no property " + name);
                return rows.getString(1).toLowerCase(Locale.ROOT);
            }
        }
    }
}
