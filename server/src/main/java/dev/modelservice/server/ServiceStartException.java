package dev.modelservice.server;

/** A failed start of the service. The message names the part that failed, and the cause gives the reason. */
public class ServiceStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
