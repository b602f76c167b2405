package dev.modelservice.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignerStatusTest {
    @Test
    void negativeCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignerStatus(true, 2, 2, 4, -1, 5, 0, 0, Duration.ZERO));

        assertTrue(e.getMessage().startsWith("sessionsInUse is -1"), e.getMessage());
    }

    @Test
    void moreConnectionsUpThanConfiguredIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new SignerStatus(true, 2, 3, 4, 0, 4, 0, 0, Duration.ZERO));
    }

    @Test
    void signerWithoutStatusReturnsEmpty() {
        Signer signer = new NoStatusSigner();

        assertEquals(Optional.empty(), signer.status());
    }

    /** A plugin written before status() existed: it implements only the abstract methods. */
    private static final class NoStatusSigner implements Signer {
        @Override
        public void start() {
        }

        @Override
        public SigningKey generateKey(String name, int modulusBits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SigningKey> listKeys() {
            return List.of();
        }

        @Override
        public SigningKey findKey(KeyHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] sign(KeyHandle handle, byte[] data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkHealth() {
        }

        @Override
        public void close() {
        }
    }
}
