package dev.modelservice.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements to run on one connection, inside a transaction that the caller owns. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
