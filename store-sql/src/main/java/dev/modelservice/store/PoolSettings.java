package dev.modelservice.store;

import java.time.Duration;

/**
 * The connection pool's size and patience.
 *
 * @param maximumSize the maximum number of open connections; each service instance opens up to this many
 * @param connectionTimeout how long a request waits for a free connection before the store
 *     reports the database as unavailable
 */
public record PoolSettings(int maximumSize, Duration connectionTimeout) {

    /** HikariCP rejects shorter connection timeouts. */
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public static final PoolSettings DEFAULT = new PoolSettings(10, Duration.ofSeconds(5));

    public PoolSettings {
        if (maximumSize < 1 || maximumSize > 1000) {
            throw new IllegalArgumentException("pool maximum size " + maximumSize + " is out of range; give 1 to 1000");
        }
        if (connectionTimeout == null || connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("pool connection timeout " + connectionTimeout
                    + " is too short; give at least " + MIN_CONNECTION_TIMEOUT.toMillis() + " ms");
        }
    }
}
