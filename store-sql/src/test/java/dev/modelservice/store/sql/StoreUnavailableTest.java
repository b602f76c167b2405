package dev.modelservice.store.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.store.PoolSettings;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import dev.modelservice.store.StoreSettings;
import dev.modelservice.store.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the store reports a PostgreSQL server that it cannot reach, and how it recovers. */
@ExtendWith(PostgresServerExtension.class)
class StoreUnavailableTest {

    private static final PoolSettings IMPATIENT_POOL = new PoolSettings(2, Duration.ofMillis(500));

    @Test
    void serverNotListeningIsUnavailable() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedLoopbackPort() + "/model_service";
        StoreSettings settings = StoreSettings.of(url, "postgres", "secret").withPool(IMPATIENT_POOL);

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> StoreFactory.open(settings));

        assertTrue(e.getMessage().startsWith("cannot open database " + url + ": "), e.getMessage());
    }

    @Test
    void refusingDatabaseRecovers(PostgresServer postgres) {
        StoreSettings settings = postgres.createDatabase().withPool(IMPATIENT_POOL);
        try (Store store = StoreFactory.open(settings)) {
            postgres.setAcceptingConnections(settings, false);

            assertThrows(StoreUnavailableException.class, store::checkAvailable);
            assertThrows(StoreUnavailableException.class, () -> store.models().list("brand-one"));

            postgres.setAcceptingConnections(settings, true);
            store.checkAvailable();
        }
    }

    /** Returns a loopback port that nothing listens on, as far as a moment ago. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
