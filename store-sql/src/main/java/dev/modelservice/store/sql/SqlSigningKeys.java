package dev.modelservice.store.sql;

import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.NewSigningKey;
import dev.modelservice.store.RecordNotFoundException;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.SigningKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class SqlSigningKeys implements SigningKeys {

    /** The columns that {@link #read} needs, from the signing_keys table under the alias {@code k}. */
    static final String COLUMNS = "k.name, k.key_id, k.brand_account_id, k.signer_provider, k.signer_handle,"
            + " k.public_key, k.created_at, k.account_key_assertion";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlSigningKeys(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public SigningKey create(NewSigningKey key) {
        SigningKey created = new SigningKey(key.name(), key.keyId(), key.brandAccountId(), key.signerProvider(),
                key.signerHandle(), key.publicKey(), Rows.now(clock), null);
        return jdbc.run(connection -> {
            String sql = "INSERT INTO signing_keys (name, key_id, brand_account_id, signer_provider, signer_handle,"
                    + " public_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, created.name());
                insert.setString(2, created.keyId());
                insert.setString(3, created.brandAccountId());
                insert.setString(4, created.signerProvider());
                insert.setString(5, created.signerHandle());
                insert.setString(6, created.publicKey());
                Rows.setTime(insert, 7, created.createdAt());
                insert.executeUpdate();
            } catch (SQLException e) {
                rethrowInsertFailure(e, created);
            }
            return created;
        });
    }

    @Override
    public Optional<SigningKey> findByName(String name) {
        return jdbc.run(connection -> findOne(connection, "k.name = ?", name));
    }

    @Override
    public Optional<SigningKey> findByKeyId(String keyId) {
        return jdbc.run(connection -> findOne(connection, "k.key_id = ?", keyId));
    }

    @Override
    public List<SigningKey> list() {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM signing_keys k ORDER BY k.name";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                return Rows.list(select, SqlSigningKeys::read);
            }
        });
    }

    @Override
    public SigningKey setAccountKey(String keyId, String accountKeyAssertion) {
        return jdbc.run(connection -> {
            String sql = "UPDATE signing_keys SET account_key_assertion = ? WHERE key_id = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, accountKeyAssertion);
                update.setString(2, keyId);
                if (update.executeUpdate() == 0) {
                    throw new RecordNotFoundException("signing key " + keyId + " does not exist");
                }
            }
            return findOne(connection, "k.key_id = ?", keyId).orElseThrow();
        });
    }

    /** Finds the key that matches {@code condition}, one fixed clause with one parameter. */
    private static Optional<SigningKey> findOne(Connection connection, String condition, String value)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM signing_keys k WHERE " + condition;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            return Rows.first(select, SqlSigningKeys::read);
        }
    }

    static SigningKey read(ResultSet rows) throws SQLException {
        return new SigningKey(
                rows.getString("name"),
                rows.getString("key_id"),
                rows.getString("brand_account_id"),
                rows.getString("signer_provider"),
                rows.getString("signer_handle"),
                rows.getString("public_key"),
                Rows.time(rows, "created_at"),
                rows.getString("account_key_assertion"));
    }

    /** Throws the store's exception for a violated constraint, or {@code e} itself for anything else. */
    private static void rethrowInsertFailure(SQLException e, SigningKey key) throws SQLException {
        if (SqlErrors.isUniqueViolation(e, "uq_signing_keys_name")) {
            throw new DuplicateRecordException("signing key name '" + key.name() + "' is taken; choose another name", e);
        }
        if (SqlErrors.isUniqueViolation(e, "uq_signing_keys_key_id")) {
            throw new DuplicateRecordException("signing key " + key.keyId() + " is recorded already", e);
        }
        if (SqlErrors.isForeignKeyViolation(e, "fk_signing_keys_brand")) {
            throw new RecordNotFoundException("brand account '" + key.brandAccountId()
                    + "' is not recorded; record the brand before its keys");
        }
        throw e;
    }
}
