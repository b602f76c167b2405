package dev.modelservice.store.sql;

/**
 * Thrown by a repository when a concurrent transaction changed what this one read, so the whole
 * transaction should run again; {@link PooledTransactions} catches it.
 */
final class RetryTransaction extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RetryTransaction(String message, Throwable cause) {
        super(message, cause);
    }
}
