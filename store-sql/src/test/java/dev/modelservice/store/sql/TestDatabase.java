package dev.modelservice.store.sql;

import dev.modelservice.store.StoreSettings;
import java.nio.file.Path;

/** The databases that every store test runs on. */
enum TestDatabase {

    /** An embedded HSQLDB file database, the default. */
    HSQLDB {
        @Override
        StoreSettings createEmpty(Path folder, PostgresServer postgres) {
            return StoreSettings.embedded(folder.resolve("hsqldb"));
        }
    },

    /** A database of its own on the test run's PostgreSQL server. */
    POSTGRESQL {
        @Override
        StoreSettings createEmpty(Path folder, PostgresServer postgres) {
            return postgres.createDatabase();
        }
    };

    /** Creates an empty database for one test and returns the settings that reach it. */
    abstract StoreSettings createEmpty(Path folder, PostgresServer postgres);
}
