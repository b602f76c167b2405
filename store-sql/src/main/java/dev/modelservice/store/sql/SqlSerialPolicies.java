package dev.modelservice.store.sql;

import dev.modelservice.store.RecordNotFoundException;
import dev.modelservice.store.SerialPolicies;
import dev.modelservice.store.SerialPolicy;
import dev.modelservice.store.SigningKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class SqlSerialPolicies implements SerialPolicies {

    /** A policy with its model and its signing key; the caller adds the WHERE and ORDER BY. */
    private static final String SELECT_POLICIES = "SELECT m.brand_account_id AS model_brand, m.name AS model_name,"
            + " p.revision, p.created_at AS policy_created_at, " + SqlSigningKeys.COLUMNS
            + " FROM serial_policies p"
            + " JOIN models m ON m.id = p.model_id"
            + " JOIN signing_keys k ON k.id = p.signing_key_id"
            + " WHERE m.brand_account_id = ? AND m.name = ?";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlSerialPolicies(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public SerialPolicy create(String brandAccountId, String modelName, String signingKeyId) {
        return jdbc.run(connection -> {
            long modelId = findModelId(connection, brandAccountId, modelName);
            KeyRow key = findKey(connection, signingKeyId);
            if (!key.key().brandAccountId().equals(brandAccountId)) {
                throw new IllegalArgumentException("signing key '" + key.key().name() + "' (" + signingKeyId
                        + ") belongs to brand '" + key.key().brandAccountId() + "', not to '" + brandAccountId
                        + "'; choose a key of the model's brand");
            }

            int revision = nextRevision(connection, modelId);
            Instant now = Rows.now(clock);
            insert(connection, modelId, brandAccountId, revision, key.id(), now);
            return new SerialPolicy(brandAccountId, modelName, revision, key.key(), now);
        });
    }

    @Override
    public Optional<SerialPolicy> findActive(String brandAccountId, String modelName) {
        return jdbc.run(connection -> {
            String sql = SELECT_POLICIES + " ORDER BY p.revision DESC FETCH FIRST 1 ROWS ONLY";
            List<SerialPolicy> policies = select(connection, sql, brandAccountId, modelName);
            return policies.stream().findFirst();
        });
    }

    @Override
    public List<SerialPolicy> list(String brandAccountId, String modelName) {
        return jdbc.run(connection -> select(connection, SELECT_POLICIES + " ORDER BY p.revision", brandAccountId, modelName));
    }

    private static List<SerialPolicy> select(Connection connection, String sql, String brandAccountId, String modelName)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, brandAccountId);
            select.setString(2, modelName);
            return Rows.list(select, SqlSerialPolicies::read);
        }
    }

    private static SerialPolicy read(ResultSet rows) throws SQLException {
        return new SerialPolicy(
                rows.getString("model_brand"),
                rows.getString("model_name"),
                rows.getInt("revision"),
                SqlSigningKeys.read(rows),
                Rows.time(rows, "policy_created_at"));
    }

    private static long findModelId(Connection connection, String brandAccountId, String modelName) throws SQLException {
        String sql = "SELECT id FROM models WHERE brand_account_id = ? AND name = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, brandAccountId);
            select.setString(2, modelName);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw SqlModels.notFound(brandAccountId, modelName);
                }
                return rows.getLong("id");
            }
        }
    }

    /** A signing key with the row id that foreign keys point at. */
    private record KeyRow(long id, SigningKey key) {
    }

    private static KeyRow findKey(Connection connection, String signingKeyId) throws SQLException {
        String sql = "SELECT k.id, " + SqlSigningKeys.COLUMNS + " FROM signing_keys k WHERE k.key_id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, signingKeyId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new RecordNotFoundException("signing key " + signingKeyId + " does not exist");
                }
                return new KeyRow(rows.getLong("id"), SqlSigningKeys.read(rows));
            }
        }
    }

    private static int nextRevision(Connection connection, long modelId) throws SQLException {
        String sql = "SELECT COALESCE(MAX(revision), 0) + 1 FROM serial_policies WHERE model_id = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, modelId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void insert(Connection connection, long modelId, String brandAccountId, int revision, long keyRowId,
            Instant createdAt) throws SQLException {
        String sql = "INSERT INTO serial_policies (model_id, brand_account_id, revision, signing_key_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setLong(1, modelId);
            insert.setString(2, brandAccountId);
            insert.setInt(3, revision);
            insert.setLong(4, keyRowId);
            Rows.setTime(insert, 5, createdAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e, "uq_serial_policies_revision")) {
                throw new RetryTransaction("serial policy revision " + revision + " was created concurrently", e);
            }
            throw e;
        }
    }
}
