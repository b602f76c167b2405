package dev.modelservice.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between Java values and columns. Times are TIMESTAMP WITH TIME ZONE in UTC, cut to
 * microseconds, the precision that both databases keep, so a record read back equals the one
 * written.
 */
final class Rows {

    private Rows() {
    }

    /** Returns the clock's time at the precision that the database keeps. */
    static Instant now(Clock clock) {
        return truncate(clock.instant());
    }

    static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setObject(index, truncate(time).atOffset(ZoneOffset.UTC));
    }

    static Instant time(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Sets a text parameter that may be null; a typed null keeps PostgreSQL from guessing. */
    static void setOptionalText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Reads one row into a record. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs the query and reads every row it returns. */
    static <T> List<T> list(PreparedStatement select, RowReader<T> reader) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<T> records = new ArrayList<>();
            while (rows.next()) {
                records.add(reader.read(rows));
            }
            return records;
        }
    }

    /** Runs the query and reads its first row, if it returns any. */
    static <T> Optional<T> first(PreparedStatement select, RowReader<T> reader) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
        }
    }

    /** Prepares an INSERT whose {@link #insertReturningId} returns the generated {@code id} column. */
    static PreparedStatement prepareInsert(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql, new String[] {"id"});
    }

    /**
     * Runs an INSERT and returns the identity value that the database generated for its
     * {@code id} column.
     */
    static long insertReturningId(PreparedStatement statement) throws SQLException {
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("database returned no generated id for the inserted row");
            }
            return keys.getLong(1);
        }
    }
}
