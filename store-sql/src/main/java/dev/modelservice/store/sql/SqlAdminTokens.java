package dev.modelservice.store.sql;

import dev.modelservice.store.AdminToken;
import dev.modelservice.store.AdminTokens;
import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.IssuedAdminToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Admin tokens, kept as SHA-256 digests. A plain digest is enough because every token contains 256
 * random bits, so there is nothing to guess that a slow password hash would protect. The row is
 * found by an index search on the digest, which reveals nothing useful about any token's secret.
 */
final class SqlAdminTokens implements AdminTokens {

    private static final String COLUMNS = "name, created_at, revoked_at";

    /** Longer bearer values are not tokens that this store issued, so they are not looked up. */
    private static final int MAX_SECRET_LENGTH = 256;

    private final Jdbc jdbc;
    private final Clock clock;

    SqlAdminTokens(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public IssuedAdminToken create(String name) {
        AdminToken token = new AdminToken(name, Rows.now(clock), null);
        String secret = Secrets.randomToken();
        jdbc.run(connection -> {
            String sql = "INSERT INTO admin_tokens (name, token_hash, created_at) VALUES (?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, token.name());
                insert.setString(2, Secrets.sha256(secret));
                Rows.setTime(insert, 3, token.createdAt());
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e, "uq_admin_tokens_name")) {
                    throw new DuplicateRecordException("admin token name '" + name
                            + "' is taken, possibly by a revoked token; choose another name", e);
                }
                throw e;
            }
        });
        return new IssuedAdminToken(token, secret);
    }

    @Override
    public Optional<AdminToken> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        String digest = Secrets.sha256(secret);
        return jdbc.run(connection -> {
            String sql = "SELECT token_hash, " + COLUMNS + " FROM admin_tokens WHERE token_hash = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, digest);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !Secrets.digestsEqual(rows.getString("token_hash"), digest)) {
                        return Optional.empty();
                    }
                    AdminToken token = read(rows);
                    return token.revoked() ? Optional.empty() : Optional.of(token);
                }
            }
        });
    }

    @Override
    public Optional<AdminToken> find(String name) {
        return jdbc.run(connection -> find(connection, name));
    }

    @Override
    public List<AdminToken> list() {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM admin_tokens ORDER BY name";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                return Rows.list(select, SqlAdminTokens::read);
            }
        });
    }

    @Override
    public boolean revoke(String name) {
        return jdbc.run(connection -> {
            String sql = "UPDATE admin_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                Rows.setTime(update, 1, Rows.now(clock));
                update.setString(2, name);
                return update.executeUpdate() > 0;
            }
        });
    }

    private static Optional<AdminToken> find(Connection connection, String name) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM admin_tokens WHERE name = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            return Rows.first(select, SqlAdminTokens::read);
        }
    }

    private static AdminToken read(ResultSet rows) throws SQLException {
        return new AdminToken(rows.getString("name"), Rows.time(rows, "created_at"), Rows.time(rows, "revoked_at"));
    }
}
