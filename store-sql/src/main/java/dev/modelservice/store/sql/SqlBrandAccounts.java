package dev.modelservice.store.sql;

import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.BrandAccounts;
import dev.modelservice.store.DuplicateRecordException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class SqlBrandAccounts implements BrandAccounts {

    private static final String COLUMNS = "account_id, display_name, created_at";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlBrandAccounts(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public BrandAccount create(String accountId, String displayName) {
        BrandAccount account = new BrandAccount(accountId, displayName, Rows.now(clock));
        return jdbc.run(connection -> {
            String sql = "INSERT INTO brand_accounts (" + COLUMNS + ") VALUES (?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, account.accountId());
                insert.setString(2, account.displayName());
                Rows.setTime(insert, 3, account.createdAt());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e, "pk_brand_accounts")) {
                    throw new DuplicateRecordException("brand account '" + accountId + "' exists already", e);
                }
                throw e;
            }
            return account;
        });
    }

    @Override
    public Optional<BrandAccount> find(String accountId) {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM brand_accounts WHERE account_id = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, accountId);
                return Rows.first(select, SqlBrandAccounts::read);
            }
        });
    }

    @Override
    public List<BrandAccount> list() {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM brand_accounts ORDER BY account_id";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                return Rows.list(select, SqlBrandAccounts::read);
            }
        });
    }

    private static BrandAccount read(ResultSet rows) throws SQLException {
        return new BrandAccount(rows.getString("account_id"), rows.getString("display_name"), Rows.time(rows, "created_at"));
    }
}
