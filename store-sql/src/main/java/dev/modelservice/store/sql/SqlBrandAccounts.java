package dev.modelservice.store.sql;

import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.BrandAccounts;
import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.RecordNotFoundException;
import dev.modelservice.store.SigningKey;
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

    @Override
    public void setAccountAssertion(String accountId, String assertion) {
        if (assertion == null || assertion.isBlank() || assertion.length() > SigningKey.MAX_ASSERTION_LENGTH) {
            throw new IllegalArgumentException("the account assertion of brand '" + accountId + "' is missing or"
                    + " longer than " + SigningKey.MAX_ASSERTION_LENGTH + " characters");
        }
        jdbc.run(connection -> {
            String sql = "UPDATE brand_accounts SET account_assertion = ? WHERE account_id = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, assertion);
                update.setString(2, accountId);
                if (update.executeUpdate() == 0) {
                    throw new RecordNotFoundException("brand account '" + accountId + "' does not exist");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<String> findAccountAssertion(String accountId) {
        return jdbc.run(connection -> {
            String sql = "SELECT account_assertion FROM brand_accounts WHERE account_id = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, accountId);
                // An empty Optional both for an unknown brand and for a brand without the assertion.
                return Rows.first(select, rows -> Optional.ofNullable(rows.getString("account_assertion")))
                        .flatMap(assertion -> assertion);
            }
        });
    }

    private static BrandAccount read(ResultSet rows) throws SQLException {
        return new BrandAccount(rows.getString("account_id"), rows.getString("display_name"), Rows.time(rows, "created_at"));
    }
}
