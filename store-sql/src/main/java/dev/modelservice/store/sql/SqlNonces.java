package dev.modelservice.store.sql;

import dev.modelservice.store.Nonce;
import dev.modelservice.store.NonceStatus;
import dev.modelservice.store.Nonces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

final class SqlNonces implements Nonces {

    private final Jdbc jdbc;
    private final Clock clock;

    SqlNonces(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Nonce issue(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime " + lifetime + " is invalid; give a positive duration");
        }
        Instant now = Rows.now(clock);
        Nonce nonce = new Nonce(Secrets.randomToken(), now, Rows.truncate(now.plus(lifetime)));
        return jdbc.run(connection -> {
            String sql = "INSERT INTO nonces (nonce, created_at, expires_at) VALUES (?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, nonce.value());
                Rows.setTime(insert, 2, nonce.createdAt());
                Rows.setTime(insert, 3, nonce.expiresAt());
                insert.executeUpdate();
            }
            return nonce;
        });
    }

    @Override
    public NonceStatus check(String value) {
        return jdbc.run(connection -> status(connection, value, Rows.now(clock)));
    }

    @Override
    public NonceStatus consume(String value) {
        return jdbc.run(connection -> consume(connection, value));
    }

    @Override
    public int purgeExpired(Instant expiredBefore) {
        return jdbc.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM nonces WHERE expires_at < ?")) {
                Rows.setTime(delete, 1, expiredBefore);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Consumes the nonce inside the caller's transaction. The conditional UPDATE is atomic: when
     * two transactions race, the second waits for the first and then finds the row used.
     */
    NonceStatus consume(Connection connection, String value) throws SQLException {
        Instant now = Rows.now(clock);
        String sql = "UPDATE nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL AND expires_at > ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            Rows.setTime(update, 1, now);
            update.setString(2, value);
            Rows.setTime(update, 3, now);
            if (update.executeUpdate() == 1) {
                return NonceStatus.VALID;
            }
        }

        // The row still reads as unused while a concurrent transaction that consumed it has not
        // committed. So only the UPDATE above may report a nonce as consumed.
        NonceStatus status = status(connection, value, now);
        return status == NonceStatus.VALID ? NonceStatus.USED : status;
    }

    private static NonceStatus status(Connection connection, String value, Instant now) throws SQLException {
        String sql = "SELECT expires_at, used_at FROM nonces WHERE nonce = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return NonceStatus.UNKNOWN;
                }
                if (Rows.time(rows, "used_at") != null) {
                    return NonceStatus.USED;
                }
                return Rows.time(rows, "expires_at").isAfter(now) ? NonceStatus.VALID : NonceStatus.EXPIRED;
            }
        }
    }
}
