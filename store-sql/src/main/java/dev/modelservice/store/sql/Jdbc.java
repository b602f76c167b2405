package dev.modelservice.store.sql;

/**
 * The way a repository reaches the database: in a transaction of its own ({@link PooledTransactions})
 * or inside one that a caller of {@code Store.inTransaction} opened ({@link BoundTransaction}).
 */
interface Jdbc {

    /**
     * Runs {@code work} in a transaction. Domain exceptions that {@code work} throws pass
     * through unchanged.
     */
    <T> T run(SqlWork<T> work);
}
