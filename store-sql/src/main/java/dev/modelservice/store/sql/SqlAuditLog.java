package dev.modelservice.store.sql;

import dev.modelservice.store.AuditEntry;
import dev.modelservice.store.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

final class SqlAuditLog implements AuditLog {

    private static final String COLUMNS = "id, recorded_at, token_name, action, subject, details";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlAuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(String tokenName, String action, String subject, String details) {
        AuditEntry unnumbered = new AuditEntry(0, Rows.now(clock), tokenName, action, subject, details);
        long id = jdbc.run(connection -> {
            String sql = "INSERT INTO audit_log (recorded_at, token_name, action, subject, details) VALUES (?, ?, ?, ?, ?)";
            try (PreparedStatement insert = Rows.prepareInsert(connection, sql)) {
                Rows.setTime(insert, 1, unnumbered.recordedAt());
                insert.setString(2, unnumbered.tokenName());
                insert.setString(3, unnumbered.action());
                insert.setString(4, unnumbered.subject());
                Rows.setOptionalText(insert, 5, unnumbered.details());
                return Rows.insertReturningId(insert);
            }
        });
        return new AuditEntry(id, unnumbered.recordedAt(), tokenName, action, subject, details);
    }

    @Override
    public List<AuditEntry> list(Instant since, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("audit log limit " + limit + " is out of range; give 1 to " + MAX_LIMIT);
        }
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM audit_log"
                    + (since == null ? "" : " WHERE recorded_at >= ?")
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                if (since != null) {
                    Rows.setTime(select, index++, since);
                }
                select.setInt(index, limit);
                return Rows.list(select, SqlAuditLog::read);
            }
        });
    }

    private static AuditEntry read(ResultSet rows) throws SQLException {
        return new AuditEntry(
                rows.getLong("id"),
                Rows.time(rows, "recorded_at"),
                rows.getString("token_name"),
                rows.getString("action"),
                rows.getString("subject"),
                rows.getString("details"));
    }
}
