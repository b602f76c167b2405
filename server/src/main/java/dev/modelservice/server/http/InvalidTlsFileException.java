package dev.modelservice.server.http;

import java.nio.file.Path;

/** A TLS certificate, key, keystore or password file that cannot be read or does not fit. */
public final class InvalidTlsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    InvalidTlsFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    InvalidTlsFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** Returns the file at fault, so that the caller can name the configuration key that gave it. */
    public Path file() {
        return file;
    }
}
