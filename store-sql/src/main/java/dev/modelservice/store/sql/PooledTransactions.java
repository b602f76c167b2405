package dev.modelservice.store.sql;

import dev.modelservice.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each piece of work in a transaction of its own on a pooled connection, and runs it again
 * when the database aborted it for racing another transaction.
 */
final class PooledTransactions implements Jdbc {

    private static final Logger LOG = LoggerFactory.getLogger(PooledTransactions.class);

    private static final int MAX_ATTEMPTS = 5;

    /** The maximum pause before a retry, in milliseconds; shorter pauses come first. */
    private static final int MAX_PAUSE_MILLIS = 50;

    private final DataSource dataSource;

    PooledTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T run(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException e) {
                if (!SqlErrors.isTransactionConflict(e) || attempt == MAX_ATTEMPTS) {
                    throw SqlErrors.translate(e);
                }
                LOG.debug("Transaction aborted by a concurrent one (SQLState {}); attempt {} of {}",
                        e.getSQLState(), attempt, MAX_ATTEMPTS);
            } catch (RetryTransaction e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreException(e.getMessage() + "; gave up after " + MAX_ATTEMPTS + " attempts", e);
                }
                LOG.debug("Transaction raced a concurrent one ({}); attempt {} of {}", e.getMessage(), attempt, MAX_ATTEMPTS);
            }
            pauseBeforeRetry(attempt);
        }
    }

    private <T> T runOnce(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (BoundTransaction.SqlFailure e) {
                rollback(connection, e);
                throw e.getCause();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Waits a random time so that two racing transactions are unlikely to race again. */
    private static void pauseBeforeRetry(int attempt) {
        int bound = Math.min(MAX_PAUSE_MILLIS, 5 * attempt * attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }
}
