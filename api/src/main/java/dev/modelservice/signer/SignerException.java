package dev.modelservice.signer;

import java.util.Objects;

/**
 * A failure of a {@link Signer} or a {@link SignerProvider}, with the {@link Kind} that tells
 * the caller whether a retry can help.
 */
public class SignerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** No key with the requested handle or name is in the token. */
        KEY_NOT_FOUND(false),

        /** A key with the requested name is already in the token. */
        KEY_EXISTS(false),

        /**
         * The token, or the server in front of it, cannot be reached or is restarting. The
         * signer recovers on its own, so the same call is worth a retry later.
         */
        TOKEN_UNAVAILABLE(true),

        /**
         * The configuration is invalid or does not match the token: a missing or unknown
         * setting, a token label that no slot has, a wrong PIN. Retrying cannot help.
         */
        CONFIGURATION(false),

        /** The token rejected the operation for a reason that retrying cannot fix. */
        TOKEN_ERROR(false);

        private final boolean temporary;

        Kind(boolean temporary) {
            this.temporary = temporary;
        }

        /** Returns true when the same call may succeed later without any change. */
        public boolean isTemporary() {
            return temporary;
        }
    }

    private final Kind kind;

    public SignerException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public SignerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** Returns true when the same call may succeed later without any change. */
    public boolean isTemporary() {
        return kind.isTemporary();
    }
}
