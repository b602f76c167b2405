package dev.modelservice.store.sql;

import dev.modelservice.store.NewSigningLogEntry;
import dev.modelservice.store.NonceRejectedException;
import dev.modelservice.store.NonceStatus;
import dev.modelservice.store.SerialConflictException;
import dev.modelservice.store.SigningLog;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.SigningLogQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

final class SqlSigningLog implements SigningLog {

    private static final String COLUMNS = "id, brand_account_id, model_name, serial, revision, device_key_id,"
            + " signing_key_id, request_id, signed_at, client_address, serial_assertion";

    private final Jdbc jdbc;
    private final SqlNonces nonces;

    SqlSigningLog(Jdbc jdbc, SqlNonces nonces) {
        this.jdbc = jdbc;
        this.nonces = nonces;
    }

    @Override
    public SigningLogEntry record(String requestId, NewSigningLogEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("signing log entry is missing");
        }
        return jdbc.run(connection -> {
            NonceStatus status = nonces.consume(connection, requestId);
            if (status != NonceStatus.VALID) {
                throw new NonceRejectedException(requestId, status);
            }

            long id = insert(connection, requestId, entry);
            return new SigningLogEntry(id, entry.brandAccountId(), entry.modelName(), entry.serial(), entry.revision(),
                    entry.deviceKeyId(), entry.signingKeyId(), requestId, Rows.truncate(entry.signedAt()),
                    entry.clientAddress(), entry.serialAssertion());
        });
    }

    @Override
    public List<SigningLogEntry> findSerial(String brandAccountId, String modelName, String serial) {
        String sql = "SELECT " + COLUMNS + " FROM signing_log"
                + " WHERE brand_account_id = ? AND model_name = ? AND serial = ? ORDER BY revision";
        return jdbc.run(connection -> select(connection, sql, Arrays.asList(brandAccountId, modelName, serial)));
    }

    @Override
    public Optional<SigningLogEntry> findByDeviceKey(String brandAccountId, String modelName, String deviceKeyId) {
        String sql = "SELECT " + COLUMNS + " FROM signing_log"
                + " WHERE brand_account_id = ? AND model_name = ? AND device_key_id = ?";
        return jdbc.run(connection -> select(connection, sql, Arrays.asList(brandAccountId, modelName, deviceKeyId)))
                .stream().findFirst();
    }

    @Override
    public Optional<SigningLogEntry> find(long id) {
        String sql = "SELECT " + COLUMNS + " FROM signing_log WHERE id = ?";
        return jdbc.run(connection -> select(connection, sql, List.of(id))).stream().findFirst();
    }

    /**
     * Adds one fixed condition per filter that the query sets; the filter values go in only as
     * parameters.
     */
    @Override
    public List<SigningLogEntry> query(SigningLogQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (query.brandAccountId() != null) {
            conditions.add("brand_account_id = ?");
            parameters.add(query.brandAccountId());
        }
        if (query.modelName() != null) {
            conditions.add("model_name = ?");
            parameters.add(query.modelName());
        }
        if (query.serial() != null) {
            conditions.add("serial = ?");
            parameters.add(query.serial());
        }
        if (query.since() != null) {
            conditions.add("signed_at >= ?");
            parameters.add(query.since());
        }
        parameters.add(query.limit());

        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT " + COLUMNS + " FROM signing_log" + where
                + " ORDER BY signed_at DESC, id DESC FETCH FIRST ? ROWS ONLY";
        return jdbc.run(connection -> select(connection, sql, parameters));
    }

    @Override
    public boolean delete(long id) {
        return jdbc.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM signing_log WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static long insert(Connection connection, String requestId, NewSigningLogEntry entry) throws SQLException {
        String sql = "INSERT INTO signing_log (brand_account_id, model_name, serial, revision, device_key_id,"
                + " signing_key_id, request_id, signed_at, client_address, serial_assertion)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = Rows.prepareInsert(connection, sql)) {
            insert.setString(1, entry.brandAccountId());
            insert.setString(2, entry.modelName());
            insert.setString(3, entry.serial());
            insert.setInt(4, entry.revision());
            insert.setString(5, entry.deviceKeyId());
            insert.setString(6, entry.signingKeyId());
            insert.setString(7, requestId);
            Rows.setTime(insert, 8, entry.signedAt());
            Rows.setOptionalText(insert, 9, entry.clientAddress());
            insert.setString(10, entry.serialAssertion());
            return Rows.insertReturningId(insert);
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e, "uq_signing_log_serial")) {
                throw new SerialConflictException(SerialConflictException.Reason.SERIAL_REVISION_TAKEN, entry, e);
            }
            if (SqlErrors.isUniqueViolation(e, "uq_signing_log_device_key")) {
                throw new SerialConflictException(SerialConflictException.Reason.DEVICE_KEY_REGISTERED, entry, e);
            }
            if (SqlErrors.isUniqueViolation(e, "uq_signing_log_request_id")) {
                throw new NonceRejectedException(requestId, NonceStatus.USED);
            }
            throw e;
        }
    }

    /** Runs a SELECT of {@link #COLUMNS} with the parameters in order: text, whole numbers or times. */
    private static List<SigningLogEntry> select(Connection connection, String sql, List<?> parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof Instant time) {
                    Rows.setTime(select, i + 1, time);
                } else {
                    select.setObject(i + 1, parameter);
                }
            }
            return Rows.list(select, SqlSigningLog::read);
        }
    }

    private static SigningLogEntry read(ResultSet rows) throws SQLException {
        return new SigningLogEntry(
                rows.getLong("id"),
                rows.getString("brand_account_id"),
                rows.getString("model_name"),
                rows.getString("serial"),
                rows.getInt("revision"),
                rows.getString("device_key_id"),
                rows.getString("signing_key_id"),
                rows.getString("request_id"),
                Rows.time(rows, "signed_at"),
                rows.getString("client_address"),
                rows.getString("serial_assertion"));
    }
}
