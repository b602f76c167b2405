package dev.modelservice.signer.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionPoolTest {
    @Test
    void borrowReturnsIdleSession() throws Exception {
        SessionPool pool = new SessionPool(List.of(7L));

        assertEquals(7L, pool.borrow(Duration.ZERO));
    }

    @Test
    void exhaustedPoolReturnsNull() throws Exception {
        SessionPool pool = new SessionPool(List.of(7L));
        pool.borrow(Duration.ZERO);

        assertNull(pool.borrow(Duration.ofMillis(1)));
    }

    @Test
    void givenBackSessionIsBorrowedAgain() throws Exception {
        SessionPool pool = new SessionPool(List.of(7L));
        pool.giveBack(pool.borrow(Duration.ZERO));

        assertEquals(7L, pool.borrow(Duration.ZERO));
    }

    @Test
    void borrowFromIdleSessionIsNoWait() throws Exception {
        SessionWaits waits = new SessionWaits();
        SessionPool pool = new SessionPool(List.of(7L), waits);

        pool.borrow(Duration.ZERO);

        assertEquals(0, waits.waits());
    }

    @Test
    void borrowFromExhaustedPoolCountsWait() throws Exception {
        SessionWaits waits = new SessionWaits();
        SessionPool pool = new SessionPool(List.of(7L), waits);
        pool.borrow(Duration.ZERO);

        pool.borrow(Duration.ofMillis(1));

        assertEquals(1, waits.waits());
    }

    @Test
    void borrowWithoutSessionCountsTimeout() throws Exception {
        SessionWaits waits = new SessionWaits();
        SessionPool pool = new SessionPool(List.of(7L), waits);
        pool.borrow(Duration.ZERO);

        pool.borrow(Duration.ofMillis(1));

        assertEquals(1, waits.timeouts());
    }

    @Test
    void borrowWithoutSessionAddsWaitedTime() throws Exception {
        SessionWaits waits = new SessionWaits();
        SessionPool pool = new SessionPool(List.of(7L), waits);
        pool.borrow(Duration.ZERO);

        pool.borrow(Duration.ofMillis(1));

        assertTrue(waits.waited().compareTo(Duration.ofMillis(1)) >= 0, waits.waited().toString());
    }

    @Test
    void borrowedSessionIsInUse() throws Exception {
        SessionPool pool = new SessionPool(List.of(7L, 8L));

        pool.borrow(Duration.ZERO);

        assertEquals(1, pool.inUse());
    }

    @Test
    void givingBackTwiceIsRejected() {
        SessionPool pool = new SessionPool(List.of(7L));

        assertThrows(IllegalStateException.class, () -> pool.giveBack(7L));
    }
}
