package dev.modelservice.store.sql;

import dev.modelservice.store.StoreException;
import dev.modelservice.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Reads what went wrong from an SQLException. HSQLDB and PostgreSQL both report the standard
 * SQLSTATE codes used here, and both name the violated constraint in the message.
 */
final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String POSTGRESQL_DEADLOCK = "40P01";

    private SqlErrors() {
    }

    static boolean isUniqueViolation(SQLException e, String constraint) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) && namesConstraint(e, constraint);
    }

    static boolean isForeignKeyViolation(SQLException e, String constraint) {
        return FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) && namesConstraint(e, constraint);
    }

    /** Returns whether the database aborted the transaction because it raced another one. */
    static boolean isTransactionConflict(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || POSTGRESQL_DEADLOCK.equals(e.getSQLState());
    }

    /** Turns an SQLException that no repository handled into the store's unchecked exceptions. */
    static StoreException translate(SQLException e) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("database is unavailable: " + e.getMessage()
                    + "; check that the database is running and reachable, then try again", e);
        }
        return new StoreException("database operation failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    /**
     * Connection failures (class 08), an operator shutting the server down (57), too many
     * connections (53), and the pool's own time-out for a free connection.
     */
    private static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("53"));
    }

    /** HSQLDB reports names in upper case, PostgreSQL in lower case. */
    private static boolean namesConstraint(SQLException e, String constraint) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT));
    }
}
