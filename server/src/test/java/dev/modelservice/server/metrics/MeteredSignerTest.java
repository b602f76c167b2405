package dev.modelservice.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerException.Kind;
import dev.modelservice.signer.SignerStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the metered signer labels sign calls and judges the HSM's availability. The signer it
 * wraps is a Mockito mock, because the logic under test is the wrapper's own; the service
 * tests meter the real PKCS#11 signer.
 */
class MeteredSignerTest {
    private static final KeyHandle HANDLE = new KeyHandle("0011");
    private static final byte[] DATA = {1, 2, 3};

    private final Signer signer = mock(Signer.class);
    private final MeteredSigner metered = new MeteredSigner(signer, new ServiceMetrics());

    private static SignerStatus status(boolean available) {
        return new SignerStatus(available, 1, available ? 1 : 0, 1, 0, available ? 1 : 0, 0, 0, Duration.ZERO);
    }

    @Test
    void outcomeIsKindInLowerCaseWithDashes() {
        assertEquals("token-unavailable", MeteredSigner.outcome(Kind.TOKEN_UNAVAILABLE));
    }

    @Test
    void signerWithoutStatusIsUpAtFirst() {
        when(signer.status()).thenReturn(Optional.empty());

        assertTrue(metered.available());
    }

    @Test
    void unreachableTokenTurnsHsmDown() throws Exception {
        when(signer.status()).thenReturn(Optional.empty());
        when(signer.sign(any(), any())).thenThrow(new SignerException(Kind.TOKEN_UNAVAILABLE, "server gone"));

        assertThrows(SignerException.class, () -> metered.sign(HANDLE, DATA));

        assertFalse(metered.available());
    }

    @Test
    void missingKeyLeavesHsmUp() throws Exception {
        when(signer.status()).thenReturn(Optional.empty());
        when(signer.sign(any(), any())).thenThrow(new SignerException(Kind.KEY_NOT_FOUND, "no such key"));

        assertThrows(SignerException.class, () -> metered.sign(HANDLE, DATA));

        assertTrue(metered.available());
    }

    @Test
    void passedHealthCheckTurnsHsmUpAgain() throws Exception {
        when(signer.status()).thenReturn(Optional.empty());
        when(signer.sign(any(), any())).thenThrow(new SignerException(Kind.TOKEN_UNAVAILABLE, "server gone"));
        assertThrows(SignerException.class, () -> metered.sign(HANDLE, DATA));

        metered.checkHealth();

        assertTrue(metered.available());
    }

    @Test
    void signerStatusOverridesLastCall() throws Exception {
        when(signer.status()).thenReturn(Optional.of(status(false)));
        when(signer.sign(any(), any())).thenReturn(new byte[256]);

        metered.sign(HANDLE, DATA);

        assertFalse(metered.available());
    }

    @Test
    void toStringIsWrappedSigners() {
        when(signer.toString()).thenReturn("Pkcs11Signer[token=brand-keys, state=STARTED]");

        assertEquals("Pkcs11Signer[token=brand-keys, state=STARTED]", metered.toString());
    }
}
