package dev.modelservice.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.modelservice.store.StoreSettings;
import dev.modelservice.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the HikariCP pool, after preparing an HSQLDB database for concurrent use. */
final class ConnectionPool {

    private static final String POOL_NAME = "model-service-store";

    private ConnectionPool() {
    }

    /**
     * Opens the pool; every connection starts without auto-commit at READ COMMITTED.
     *
     * @throws StoreUnavailableException when no connection can be opened
     */
    static HikariDataSource open(StoreSettings settings) {
        if (settings.isHsqldb()) {
            prepareHsqldb(settings);
        }

        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(settings.pool().maximumSize());
        config.setConnectionTimeout(settings.pool().connectionTimeout().toMillis());
        if (!settings.isHsqldb()) {
            // Keeps row values, such as another model's API key, out of PostgreSQL's error messages.
            config.addDataSourceProperty("logServerErrorDetail", "false");
            config.addDataSourceProperty("ApplicationName", "model-service");
        }

        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw unreachable(settings, e.getCause() != null ? e.getCause() : e);
        }
    }

    /**
     * Sets the HSQLDB database options that the store relies on; they persist in the database.
     * MVCC lets transactions on different rows run side by side, where HSQLDB's default locks
     * whole tables. CACHED tables keep rows on disk, so the signing log need not fit in memory.
     * WRITE DELAY FALSE writes each commit to disk before it returns, so a crash loses no
     * committed serial.
     */
    private static void prepareHsqldb(StoreSettings settings) {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SET DATABASE TRANSACTION CONTROL MVCC");
            statement.execute("SET DATABASE DEFAULT TABLE TYPE CACHED");
            if (settings.isEmbeddedFile()) {
                statement.execute("SET FILES WRITE DELAY FALSE");
            }
        } catch (SQLException e) {
            throw unreachable(settings, e);
        }
    }

    private static StoreUnavailableException unreachable(StoreSettings settings, Throwable cause) {
        // NOTE: HSQLDB 2.7.4 gives this text when another process holds the lock file, as seen with
        // a second service on one data-dir. No test starts such a second process.
        if (settings.isHsqldb() && String.valueOf(cause.getMessage()).contains("lock acquisition failure")) {
            return new StoreUnavailableException("database " + settings.redactedUrl() + " is in use by another"
                    + " process, such as a second model-service on the same data-dir; stop that one, or give this"
                    + " one a data-dir of its own", cause);
        }
        return new StoreUnavailableException("cannot open database " + settings.redactedUrl() + ": "
                + cause.getMessage() + "; check that it is running, the URL and the credentials", cause);
    }
}
