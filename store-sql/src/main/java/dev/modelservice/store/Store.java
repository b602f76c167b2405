package dev.modelservice.store;

import java.util.function.Function;

/**
 * The service's records in one SQL database, shared safely by any number of threads and of
 * service instances. Each repository method called on the store runs in a transaction of its
 * own; {@link #inTransaction} runs several in one.
 *
 * <p>Failures are unchecked: {@link StoreUnavailableException} when the database cannot be
 * reached, the other {@link StoreException} subclasses for records that clash or are missing,
 * and {@link IllegalArgumentException} for invalid values.
 */
public interface Store extends Repositories, AutoCloseable {

    /**
     * Runs {@code work} in one transaction and commits it when {@code work} returns. When
     * {@code work} throws, the transaction is rolled back and the exception passes through.
     *
     * <p>The database may abort a transaction that races another one, and then {@code work} runs
     * again from the start, so it must have no effect outside the repositories it is given. A
     * {@link StoreException} thrown by one of those repositories ends the transaction: let it
     * propagate rather than go on with the same repositories.
     */
    <T> T inTransaction(Function<Repositories, T> work);

    RecordCounts counts();

    /**
     * Runs a trivial query, for health checks.
     *
     * @throws StoreUnavailableException when the database does not respond
     */
    void checkAvailable();

    /** Closes the connection pool; for an embedded HSQLDB file database, also shuts it down. */
    @Override
    void close();
}
