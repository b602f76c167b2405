package dev.modelservice.signer.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/**
 * The step to take after a PKCS#11 call failed with a CKR_ return value, from the least to
 * the most disruptive.
 */
enum CkrAction {
    /** The key's object handle is stale: look the key up again by CKA_ID and retry once. */
    FIND_KEY_AGAIN,

    /** The login state was lost: call C_Login again and retry once. */
    LOG_IN_AGAIN,

    /** The session is gone or stuck: close it, open a new one and retry once. */
    REPLACE_SESSION,

    /**
     * The module, the p11-kit connection or the token went away: finalise the module,
     * initialise it again and log in, in the background. With p11-kit 0.24.1, every later call
     * on a connection whose server process died fails with CKR_DEVICE_ERROR until then.
     */
    REINITIALISE_MODULE,

    /** The PIN is wrong, expired or locked: retrying would only count more wrong PINs. */
    REJECT_PIN,

    /** Anything else: the token rejected this operation, so report it and keep the session. */
    GIVE_UP;

    static CkrAction of(long ckr) {
        if (ckr == CKR_KEY_HANDLE_INVALID || ckr == CKR_OBJECT_HANDLE_INVALID) {
            return FIND_KEY_AGAIN;
        }
        if (ckr == CKR_USER_NOT_LOGGED_IN) {
            return LOG_IN_AGAIN;
        }
        if (ckr == CKR_SESSION_HANDLE_INVALID || ckr == CKR_SESSION_CLOSED
                || ckr == CKR_OPERATION_ACTIVE || ckr == CKR_OPERATION_NOT_INITIALIZED) {
            return REPLACE_SESSION;
        }
        if (ckr == CKR_DEVICE_ERROR || ckr == CKR_DEVICE_REMOVED || ckr == CKR_DEVICE_MEMORY
                || ckr == CKR_TOKEN_NOT_PRESENT || ckr == CKR_TOKEN_NOT_RECOGNIZED
                || ckr == CKR_CRYPTOKI_NOT_INITIALIZED || ckr == CKR_SLOT_ID_INVALID
                || ckr == CKR_GENERAL_ERROR || ckr == CKR_SESSION_COUNT) {
            return REINITIALISE_MODULE;
        }
        if (ckr == CKR_PIN_INCORRECT || ckr == CKR_PIN_INVALID || ckr == CKR_PIN_LEN_RANGE
                || ckr == CKR_PIN_EXPIRED || ckr == CKR_PIN_LOCKED || ckr == CKR_USER_PIN_NOT_INITIALIZED) {
            return REJECT_PIN;
        }
        return GIVE_UP;
    }

    /** Returns the PKCS#11 name of {@code ckr}, such as CKR_DEVICE_ERROR. */
    static String name(long ckr) {
        String name = ckrCodeToName(ckr);
        return name != null ? name : "CKR_0x" + Long.toHexString(ckr);
    }
}
