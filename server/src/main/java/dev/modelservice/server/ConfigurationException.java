package dev.modelservice.server;

/**
 * A configuration value is missing or invalid. The message names the key, the value found
 * and what is expected.
 */
public class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigurationException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigurationException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * Returns the configuration key at fault, such as {@code admin.port}, or the environment
     * variable that names no key; null when the file itself cannot be read.
     */
    public String key() {
        return key;
    }
}
