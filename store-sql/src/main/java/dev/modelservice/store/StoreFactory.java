package dev.modelservice.store;

import dev.modelservice.store.sql.SqlStore;

/** Opens stores; the SQL implementation stays inside this module. */
public final class StoreFactory {

    private StoreFactory() {
    }

    /**
     * Connects to the database, migrates its schema to the newest version and returns the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreException when the schema cannot be migrated
     */
    public static Store open(StoreSettings settings) {
        return SqlStore.open(settings);
    }
}
