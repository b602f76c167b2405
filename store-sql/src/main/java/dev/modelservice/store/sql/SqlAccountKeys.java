package dev.modelservice.store.sql;

import dev.modelservice.store.AccountKey;
import dev.modelservice.store.AccountKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class SqlAccountKeys implements AccountKeys {

    private static final String COLUMNS = "key_id, account_id, assertion, imported_at";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlAccountKeys(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Updates the row, or inserts it when there is none; a concurrent insert makes the transaction run again. */
    @Override
    public AccountKey put(String keyId, String accountId, String assertion) {
        AccountKey key = new AccountKey(keyId, accountId, assertion, Rows.now(clock));
        return jdbc.run(connection -> {
            if (!update(connection, key)) {
                insert(connection, key);
            }
            return key;
        });
    }

    @Override
    public Optional<AccountKey> find(String keyId) {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM account_keys WHERE key_id = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, keyId);
                return Rows.first(select, SqlAccountKeys::read);
            }
        });
    }

    @Override
    public List<AccountKey> list() {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM account_keys ORDER BY account_id, key_id";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                return Rows.list(select, SqlAccountKeys::read);
            }
        });
    }

    @Override
    public boolean delete(String keyId) {
        return jdbc.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM account_keys WHERE key_id = ?")) {
                delete.setString(1, keyId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static boolean update(Connection connection, AccountKey key) throws SQLException {
        String sql = "UPDATE account_keys SET account_id = ?, assertion = ?, imported_at = ? WHERE key_id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, key.accountId());
            update.setString(2, key.assertion());
            Rows.setTime(update, 3, key.importedAt());
            update.setString(4, key.keyId());
            return update.executeUpdate() > 0;
        }
    }

    private static void insert(Connection connection, AccountKey key) throws SQLException {
        String sql = "INSERT INTO account_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, key.keyId());
            insert.setString(2, key.accountId());
            insert.setString(3, key.assertion());
            Rows.setTime(insert, 4, key.importedAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e, "pk_account_keys")) {
                throw new RetryTransaction("account-key " + key.keyId() + " was imported concurrently", e);
            }
            throw e;
        }
    }

    private static AccountKey read(ResultSet rows) throws SQLException {
        return new AccountKey(
                rows.getString("key_id"),
                rows.getString("account_id"),
                rows.getString("assertion"),
                Rows.time(rows, "imported_at"));
    }
}
