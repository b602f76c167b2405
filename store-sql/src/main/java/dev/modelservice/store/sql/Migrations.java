package dev.modelservice.store.sql;

import dev.modelservice.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the newest version with Flyway. The scripts in {@code db/modelservice}
 * run unchanged on HSQLDB and PostgreSQL. On PostgreSQL, Flyway holds an advisory lock while it
 * migrates, so service instances that start together run each script once.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private static final String LOCATION = "classpath:db/modelservice";

    private Migrations() {
    }

    /** Migrates to the newest version and returns it. */
    static String migrate(DataSource dataSource) {
        return migrate(dataSource, null);
    }

    /**
     * Migrates to {@code targetVersion}, or to the newest version when it is null, and returns
     * the version reached.
     */
    static String migrate(DataSource dataSource, String targetVersion) {
        FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .loggers("slf4j");
        if (targetVersion != null) {
            configuration.target(targetVersion);
        }

        try {
            MigrateResult result = configuration.load().migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.info("Database schema is at version {}; {} migrations applied now", version, result.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw new StoreException("database schema migration failed: " + e.getMessage()
                    + "; the database is left at its last complete version", e);
        }
    }
}
