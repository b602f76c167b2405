package dev.modelservice.server;

import static dev.modelservice.server.ServiceConfiguration.DATABASE_CONNECTION_TIMEOUT_MS;
import static dev.modelservice.server.ServiceConfiguration.DATABASE_POOL_SIZE;
import static dev.modelservice.server.ServiceConfiguration.SIGNER_PREFIX;
import static dev.modelservice.server.ServiceConfiguration.SIGNER_PROVIDER;

import dev.modelservice.store.PoolSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and checks configuration values, with the defaults for keys not given. */
final class ConfigurationValues {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationValues.class);

    /** How many similar keys an unknown key's message suggests. */
    private static final int SUGGESTIONS = 3;

    private final Map<String, String> values;
    private final Path baseFolder;

    /**
     * @param defaults every key that is not a signer provider's setting, with its default
     * @param given the keys set in the file or the environment
     * @param baseFolder the folder that relative paths are resolved against
     * @throws ConfigurationException naming a given key that is not a valid key
     */
    ConfigurationValues(Map<String, String> defaults, Map<String, String> given, Path baseFolder) {
        this.baseFolder = baseFolder;
        this.values = new TreeMap<>(defaults);
        this.values.putAll(given);
        rejectUnknownKeys(defaults.keySet(), given.keySet());
    }

    /** Returns whether {@code key} has the form of a signer provider's setting, signer.PROVIDER.SETTING. */
    static boolean isSignerSetting(String key) {
        return key.startsWith(SIGNER_PREFIX) && key.indexOf('.', SIGNER_PREFIX.length()) > 0;
    }

    private static void rejectUnknownKeys(Set<String> known, Set<String> keys) {
        for (String key : keys) {
            if (!known.contains(key) && !isSignerSetting(key)) {
                throw new ConfigurationException(key, "Unknown configuration key " + key + "; the nearest valid keys"
                        + " are " + String.join(", ", NearestNames.of(key, known, SUGGESTIONS)) + ", and"
                        + " signer.PROVIDER.SETTING sets a signer provider's setting. Correct the key or remove it;"
                        + " docs/configuration.md lists every key");
            }
        }
    }

    String text(String key) {
        return values.get(key);
    }

    Optional<String> optional(String key) {
        String value = values.get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Returns the path, resolved against the base folder, or empty when the value is empty. */
    Optional<Path> optionalPath(String key) {
        return optional(key).map(text -> path(key));
    }

    Path path(String key) {
        String value = values.get(key);
        if (value.isEmpty()) {
            throw new ConfigurationException(key, key + " is empty; expected a path to a folder or file");
        }
        try {
            return baseFolder.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key, key + " is \"" + value + "\", which is not a valid path: "
                    + e.getReason(), e);
        }
    }

    String host(String key) {
        String value = values.get(key);
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '/' || c >= 0x7f)) {
            throw new ConfigurationException(key, key + " is \"" + value + "\"; expected a host name or IP"
                    + " address to listen on, such as 127.0.0.1");
        }
        return value;
    }

    boolean bool(String key) {
        String value = values.get(key);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, key + " is \"" + value + "\"; expected true or false");
        };
    }

    int port(String key) {
        return (int) number(key, 0, 65535, "a TCP port from 0 to 65535, where 0 picks a free port");
    }

    long number(String key, long min, long max) {
        return number(key, min, max, "a whole number from " + min + " to " + max);
    }

    private long number(String key, long min, long max, String expected) {
        String value = values.get(key);
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is expected
        }
        throw new ConfigurationException(key, key + " is \"" + value + "\"; expected " + expected);
    }

    PoolSettings pool() {
        int size = (int) number(DATABASE_POOL_SIZE, 1, 1000);
        long timeout = number(DATABASE_CONNECTION_TIMEOUT_MS, 250, Integer.MAX_VALUE,
                "a number of milliseconds, at least 250");
        return new PoolSettings(size, Duration.ofMillis(timeout));
    }

    String providerName() {
        String value = values.get(SIGNER_PROVIDER);
        if (value.isEmpty() || value.contains(".")) {
            throw new ConfigurationException(SIGNER_PROVIDER, SIGNER_PROVIDER + " is \"" + value
                    + "\"; expected the name of a signer provider without dots, such as pkcs11");
        }
        return value;
    }

    Map<String, String> signerSettings(String provider) {
        String prefix = SIGNER_PREFIX + provider + ".";
        Map<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), entry.getValue());
            } else if (key.startsWith(SIGNER_PREFIX) && !key.equals(SIGNER_PROVIDER)) {
                LOG.warn("Ignoring configuration key {}: it is for another signer provider than {}", key, provider);
            }
        }
        return settings;
    }
}
