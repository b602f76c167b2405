package dev.modelservice.store.sql;

import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.Model;
import dev.modelservice.store.ModelSettings;
import dev.modelservice.store.Models;
import dev.modelservice.store.NewModel;
import dev.modelservice.store.RecordNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

final class SqlModels implements Models {

    private static final String COLUMNS =
            "brand_account_id, name, api_key, assigns_serials, allows_serial_revisions, serial_format, created_at";

    private final Jdbc jdbc;
    private final Clock clock;

    SqlModels(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Model create(NewModel model) {
        Model created = new Model(model.brandAccountId(), model.name(), model.apiKey(), model.settings(), Rows.now(clock));
        return jdbc.run(connection -> {
            String sql = "INSERT INTO models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setString(1, created.brandAccountId());
                insert.setString(2, created.name());
                insert.setString(3, created.apiKey());
                insert.setBoolean(4, created.settings().assignsSerials());
                insert.setBoolean(5, created.settings().allowsSerialRevisions());
                insert.setString(6, created.settings().serialFormat());
                Rows.setTime(insert, 7, created.createdAt());
                insert.executeUpdate();
            } catch (SQLException e) {
                rethrowInsertFailure(e, created);
            }
            return created;
        });
    }

    @Override
    public Optional<Model> find(String brandAccountId, String name) {
        return jdbc.run(connection -> find(connection, brandAccountId, name));
    }

    @Override
    public Optional<Model> findByApiKey(String apiKey) {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM models WHERE api_key = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, apiKey);
                return Rows.first(select, SqlModels::read);
            }
        });
    }

    @Override
    public List<Model> list(String brandAccountId) {
        return jdbc.run(connection -> {
            String sql = "SELECT " + COLUMNS + " FROM models WHERE brand_account_id = ? ORDER BY name";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, brandAccountId);
                return Rows.list(select, SqlModels::read);
            }
        });
    }

    @Override
    public Model updateSettings(String brandAccountId, String name, ModelSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("model settings are missing");
        }
        return jdbc.run(connection -> {
            String sql = "UPDATE models SET assigns_serials = ?, allows_serial_revisions = ?, serial_format = ?"
                    + " WHERE brand_account_id = ? AND name = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setBoolean(1, settings.assignsSerials());
                update.setBoolean(2, settings.allowsSerialRevisions());
                update.setString(3, settings.serialFormat());
                update.setString(4, brandAccountId);
                update.setString(5, name);
                if (update.executeUpdate() == 0) {
                    throw notFound(brandAccountId, name);
                }
            }
            return find(connection, brandAccountId, name).orElseThrow();
        });
    }

    @Override
    public boolean delete(String brandAccountId, String name) {
        return jdbc.run(connection -> {
            String sql = "DELETE FROM models WHERE brand_account_id = ? AND name = ?";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, brandAccountId);
                delete.setString(2, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    static RecordNotFoundException notFound(String brandAccountId, String name) {
        return new RecordNotFoundException("model '" + name + "' of brand '" + brandAccountId + "' does not exist");
    }

    private static Optional<Model> find(Connection connection, String brandAccountId, String name) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM models WHERE brand_account_id = ? AND name = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, brandAccountId);
            select.setString(2, name);
            return Rows.first(select, SqlModels::read);
        }
    }

    private static Model read(ResultSet rows) throws SQLException {
        ModelSettings settings = new ModelSettings(rows.getBoolean("assigns_serials"),
                rows.getBoolean("allows_serial_revisions"), rows.getString("serial_format"));
        return new Model(
                rows.getString("brand_account_id"),
                rows.getString("name"),
                rows.getString("api_key"),
                settings,
                Rows.time(rows, "created_at"));
    }

    /** Throws the store's exception for a violated constraint, or {@code e} itself for anything else. */
    private static void rethrowInsertFailure(SQLException e, Model model) throws SQLException {
        if (SqlErrors.isUniqueViolation(e, "uq_models_name")) {
            throw new DuplicateRecordException("model '" + model.name() + "' of brand '" + model.brandAccountId()
                    + "' exists already", e);
        }
        // The message leaves the key out: it is a secret of the other model.
        if (SqlErrors.isUniqueViolation(e, "uq_models_api_key")) {
            throw new DuplicateRecordException("the API key of model '" + model.name()
                    + "' is used by another model; choose another key", e);
        }
        if (SqlErrors.isForeignKeyViolation(e, "fk_models_brand")) {
            throw new RecordNotFoundException("brand account '" + model.brandAccountId()
                    + "' is not recorded; record the brand before its models");
        }
        throw e;
    }
}
