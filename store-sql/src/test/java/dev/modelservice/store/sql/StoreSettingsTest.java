package dev.modelservice.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelservice.store.PoolSettings;
import dev.modelservice.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void embeddedUrlPointsIntoFolder() {
        StoreSettings settings = StoreSettings.embedded(Path.of("/var/lib/model-service"));

        assertEquals("jdbc:hsqldb:file:/var/lib/model-service/model-service", settings.jdbcUrl());
        assertEquals("SA", settings.user());
    }

    @Test
    void folderWithSemicolonIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.embedded(Path.of("/tmp/a;b")));

        assertEquals("database folder '/tmp/a;b' contains ';', which ends an HSQLDB path; choose a folder without it",
                e.getMessage());
    }

    @Test
    void unsupportedUrlIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.of("jdbc:mysql://db/x?password=secret", "u", "p"));

        assertEquals("JDBC URL 'jdbc:mysql://db/x...' is not supported;"
                + " use jdbc:hsqldb:file:PATH or jdbc:postgresql://HOST:PORT/DATABASE", e.getMessage());
    }

    @Test
    void toStringLeavesPasswordsOut() {
        StoreSettings settings = StoreSettings.of("jdbc:postgresql://db:5432/ms?password=in-url", "ms", "secret");

        assertFalse(settings.toString().contains("secret"), settings.toString());
        assertFalse(settings.toString().contains("in-url"), settings.toString());
    }

    @Test
    void poolTimeoutBelowHikariMinimumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PoolSettings(10, Duration.ofMillis(100)));
    }

    @Test
    void emptyPoolIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PoolSettings(0, Duration.ofSeconds(5)));
    }
}
