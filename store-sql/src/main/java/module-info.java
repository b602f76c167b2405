/**
 * Records of keys, models, serial policies, nonces and the signing log, on HSQLDB or PostgreSQL.
 * Callers see only {@code dev.modelservice.store}; the SQL implementation stays inside.
 */
module dev.modelservice.store.sql {
    requires java.sql;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires org.slf4j;

    exports dev.modelservice.store;

    // Flyway reads the migration scripts as resources of this module.
    opens db.modelservice;
}
