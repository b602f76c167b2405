package dev.modelservice.signer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignerExceptionTest {
    @Test
    void onlyTokenUnavailableIsTemporary() {
        for (SignerException.Kind kind : SignerException.Kind.values()) {
            boolean expected = kind == SignerException.Kind.TOKEN_UNAVAILABLE;
            assertTrue(new SignerException(kind, "x").isTemporary() == expected, kind.name());
        }
    }

    @Test
    void wrongPinIsPermanent() {
        assertFalse(new SignerException(SignerException.Kind.CONFIGURATION, "wrong PIN").isTemporary());
    }

    @Test
    void keyHandleRejectsBlank() {
        assertThrows(IllegalArgumentException.class, () -> new KeyHandle(" "));
    }

    @Test
    void keyHandleRejectsSpaces() {
        assertThrows(IllegalArgumentException.class, () -> new KeyHandle("a b"));
    }
}
