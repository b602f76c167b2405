package dev.modelservice.signer.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import org.junit.jupiter.api.Test;

class CkrActionTest {
    @Test
    void deviceErrorReinitialisesModule() {
        // p11-kit-client.so returns it for every call once its server process died.
        assertEquals(CkrAction.REINITIALISE_MODULE, CkrAction.of(CKR_DEVICE_ERROR));
    }

    @Test
    void removedTokenReinitialisesModule() {
        assertEquals(CkrAction.REINITIALISE_MODULE, CkrAction.of(CKR_DEVICE_REMOVED));
        assertEquals(CkrAction.REINITIALISE_MODULE, CkrAction.of(CKR_TOKEN_NOT_PRESENT));
        assertEquals(CkrAction.REINITIALISE_MODULE, CkrAction.of(CKR_CRYPTOKI_NOT_INITIALIZED));
    }

    @Test
    void invalidSessionIsReplaced() {
        assertEquals(CkrAction.REPLACE_SESSION, CkrAction.of(CKR_SESSION_HANDLE_INVALID));
        assertEquals(CkrAction.REPLACE_SESSION, CkrAction.of(CKR_SESSION_CLOSED));
    }

    @Test
    void lostLoginLogsInAgain() {
        assertEquals(CkrAction.LOG_IN_AGAIN, CkrAction.of(CKR_USER_NOT_LOGGED_IN));
    }

    @Test
    void staleKeyHandleFindsKeyAgain() {
        assertEquals(CkrAction.FIND_KEY_AGAIN, CkrAction.of(CKR_KEY_HANDLE_INVALID));
        assertEquals(CkrAction.FIND_KEY_AGAIN, CkrAction.of(CKR_OBJECT_HANDLE_INVALID));
    }

    @Test
    void wrongPinIsNeverRetried() {
        assertEquals(CkrAction.REJECT_PIN, CkrAction.of(CKR_PIN_INCORRECT));
        assertEquals(CkrAction.REJECT_PIN, CkrAction.of(CKR_PIN_LOCKED));
    }

    @Test
    void mechanismErrorGivesUp() {
        assertEquals(CkrAction.GIVE_UP, CkrAction.of(CKR_MECHANISM_INVALID));
        assertEquals(CkrAction.GIVE_UP, CkrAction.of(CKR_DATA_LEN_RANGE));
    }

    @Test
    void nameIsPkcs11Name() {
        assertEquals("CKR_DEVICE_ERROR", CkrAction.name(CKR_DEVICE_ERROR));
    }
}
