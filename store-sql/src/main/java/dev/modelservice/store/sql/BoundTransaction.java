package dev.modelservice.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work on the connection of a transaction that is already open; the opener commits it. */
final class BoundTransaction implements Jdbc {

    /** Carries an SQLException through the caller's code to the {@link PooledTransactions} that opened the transaction. */
    static final class SqlFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private final Connection connection;

    BoundTransaction(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T run(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
