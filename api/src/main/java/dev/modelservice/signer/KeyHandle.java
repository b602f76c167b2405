package dev.modelservice.signer;

/**
 * An opaque reference to a key pair in a token, stable across restarts of the service and
 * of the token, so that it can be stored with the key's records. Only the plugin that
 * issued it can interpret it.
 *
 * @param value the plugin's encoding of the reference, printable ASCII
 */
public record KeyHandle(String value) {
    public KeyHandle {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("key handle must not be empty");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "key handle must be printable ASCII without spaces, got \"" + value + "\"");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
