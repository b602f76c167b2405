package dev.modelservice.signer.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void givingBackTwiceIsRejected() {
        SessionPool pool = new SessionPool(List.of(7L));

        assertThrows(IllegalStateException.class, () -> pool.giveBack(7L));
    }
}
