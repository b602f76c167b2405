package dev.modelservice.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.modelservice.store.AccountKeys;
import dev.modelservice.store.AdminTokens;
import dev.modelservice.store.AuditLog;
import dev.modelservice.store.BrandAccounts;
import dev.modelservice.store.Models;
import dev.modelservice.store.Nonces;
import dev.modelservice.store.RecordCounts;
import dev.modelservice.store.Repositories;
import dev.modelservice.store.SerialPolicies;
import dev.modelservice.store.SigningKeys;
import dev.modelservice.store.SigningLog;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store on a HikariCP pool, over HSQLDB or PostgreSQL. */
public final class SqlStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(SqlStore.class);

    /** Seconds that {@link #checkAvailable} waits for the database to respond. */
    private static final int AVAILABILITY_TIMEOUT_SECONDS = 5;

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final PooledTransactions transactions;
    private final SqlRepositories repositories;
    private final String schemaVersion;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqlStore(StoreSettings settings, HikariDataSource dataSource, String schemaVersion) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.transactions = new PooledTransactions(dataSource);
        this.repositories = new SqlRepositories(transactions, settings.clock());
        this.schemaVersion = schemaVersion;
    }

    /** Opens the pool and migrates the schema; see {@code StoreFactory.open}. */
    public static Store open(StoreSettings settings) {
        HikariDataSource dataSource = ConnectionPool.open(settings);
        try {
            String version = Migrations.migrate(dataSource);
            LOG.info("Store opened: {} at schema version {}", settings.redactedUrl(), version);
            return new SqlStore(settings, dataSource, version);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Override
    public <T> T inTransaction(Function<Repositories, T> work) {
        return transactions.run(connection -> work.apply(new SqlRepositories(new BoundTransaction(connection), settings.clock())));
    }

    @Override
    public RecordCounts counts() {
        return transactions.run(connection -> new RecordCounts(
                count(connection, "SELECT COUNT(*) FROM brand_accounts"),
                count(connection, "SELECT COUNT(*) FROM signing_keys"),
                count(connection, "SELECT COUNT(*) FROM models"),
                count(connection, "SELECT COUNT(*) FROM serial_policies"),
                count(connection, "SELECT COUNT(*) FROM account_keys"),
                count(connection, "SELECT COUNT(*) FROM signing_log"),
                count(connection, "SELECT COUNT(*) FROM admin_tokens WHERE revoked_at IS NULL")));
    }

    @Override
    public void checkAvailable() {
        transactions.run(connection -> {
            if (!connection.isValid(AVAILABILITY_TIMEOUT_SECONDS)) {
                throw new SQLException("database did not respond within " + AVAILABILITY_TIMEOUT_SECONDS + " s", "08000");
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dataSource.close();
        if (settings.isEmbeddedFile()) {
            shutDownHsqldb();
        }
        LOG.info("Store closed: {}", settings.redactedUrl());
    }

    /**
     * Shuts the embedded database down, which writes its files out in full; HSQLDB keeps a file
     * database open in this process after its last connection closes.
     */
    private void shutDownHsqldb() {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Shutting down the embedded database {} failed; HSQLDB replays its log at the next start",
                    settings.redactedUrl(), e);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public BrandAccounts brandAccounts() {
        return repositories.brandAccounts();
    }

    @Override
    public SigningKeys signingKeys() {
        return repositories.signingKeys();
    }

    @Override
    public Models models() {
        return repositories.models();
    }

    @Override
    public SerialPolicies serialPolicies() {
        return repositories.serialPolicies();
    }

    @Override
    public AccountKeys accountKeys() {
        return repositories.accountKeys();
    }

    @Override
    public Nonces nonces() {
        return repositories.nonces();
    }

    @Override
    public SigningLog signingLog() {
        return repositories.signingLog();
    }

    @Override
    public AdminTokens adminTokens() {
        return repositories.adminTokens();
    }

    @Override
    public AuditLog auditLog() {
        return repositories.auditLog();
    }

    @Override
    public String toString() {
        String state;
        if (closed.get()) {
            state = "closed";
        } else {
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            state = pool == null ? "open" : "open, connections active=" + pool.getActiveConnections()
                    + " idle=" + pool.getIdleConnections() + " waiting=" + pool.getThreadsAwaitingConnection();
        }
        return "SqlStore[" + settings.redactedUrl() + ", schema " + schemaVersion + ", " + state + "]";
    }
}
