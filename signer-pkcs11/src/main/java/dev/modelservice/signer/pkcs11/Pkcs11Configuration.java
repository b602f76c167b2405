package dev.modelservice.signer.pkcs11;

import dev.modelservice.signer.SignerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings of the PKCS#11 signer, parsed from the plugin's configuration map.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code module}</td><td>{@value #DEFAULT_MODULE}</td><td>the PKCS#11 module to load</td></tr>
 * <tr><td>{@code server-address}</td><td>none</td><td>the p11-kit server address, {@code unix:path=...};
 *     must equal the environment variable {@value #SERVER_ADDRESS_VARIABLE}, because p11-kit-client.so
 *     reads only that variable, in C_GetFunctionList (p11-kit 0.24 {@code p11-kit/client.c})</td></tr>
 * <tr><td>{@code token-label}</td><td>required</td><td>CKA_LABEL of the token</td></tr>
 * <tr><td>{@code pin-file}</td><td rowspan="2">exactly one of them</td><td>a file holding the user PIN</td></tr>
 * <tr><td>{@code pin-env}</td><td>the name of an environment variable holding the user PIN</td></tr>
 * <tr><td>{@code connections}</td><td>2</td><td>module instances used for signing; with p11-kit each is one
 *     connection to the server, which serves one call at a time</td></tr>
 * <tr><td>{@code sessions-per-connection}</td><td>2</td><td>logged-in sessions each connection keeps</td></tr>
 * <tr><td>{@code session-wait-ms}</td><td>5000</td><td>how long a call waits for a free session</td></tr>
 * <tr><td>{@code call-timeout-ms}</td><td>30000</td><td>how long a call waits for the token's answer</td></tr>
 * <tr><td>{@code key-generation-timeout-ms}</td><td>600000</td><td>the same for key generation</td></tr>
 * <tr><td>{@code reconnect-delay-ms}</td><td>1000</td><td>the first wait before reconnecting, doubled on each
 *     failure</td></tr>
 * <tr><td>{@code reconnect-max-delay-ms}</td><td>30000</td><td>the longest wait between reconnection attempts</td></tr>
 * <tr><td>{@code health-check-key}</td><td>none</td><td>the name of the key that the health check signs with</td></tr>
 * </table>
 */
public final class Pkcs11Configuration {
    public static final String DEFAULT_MODULE = "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so";
    public static final String SERVER_ADDRESS_VARIABLE = "P11_KIT_SERVER_ADDRESS";

    private static final Set<String> KEYS = Set.of("module", "server-address", "token-label", "pin-file",
            "pin-env", "connections", "sessions-per-connection", "session-wait-ms", "call-timeout-ms",
            "key-generation-timeout-ms", "reconnect-delay-ms", "reconnect-max-delay-ms", "health-check-key");

    private final Path module;
    private final Optional<String> serverAddress;
    private final String tokenLabel;
    private final char[] pin;
    private final int connections;
    private final int sessionsPerConnection;
    private final Duration sessionWait;
    private final Duration callTimeout;
    private final Duration keyGenerationTimeout;
    private final Duration reconnectDelay;
    private final Duration reconnectMaxDelay;
    private final Optional<String> healthCheckKey;

    private Pkcs11Configuration(Map<String, String> settings, Function<String, String> environment)
            throws SignerException {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw invalid("Unknown settings " + unknown + "; the PKCS#11 signer accepts " + new TreeSet<>(KEYS));
        }

        module = Path.of(settings.getOrDefault("module", DEFAULT_MODULE));
        serverAddress = Optional.ofNullable(settings.get("server-address"));
        tokenLabel = required(settings, "token-label");
        pin = readPin(settings, environment);
        connections = positive(settings, "connections", 2, 64);
        sessionsPerConnection = positive(settings, "sessions-per-connection", 2, 256);
        sessionWait = millis(settings, "session-wait-ms", 5_000);
        callTimeout = millis(settings, "call-timeout-ms", 30_000);
        keyGenerationTimeout = millis(settings, "key-generation-timeout-ms", 600_000);
        reconnectDelay = millis(settings, "reconnect-delay-ms", 1_000);
        reconnectMaxDelay = millis(settings, "reconnect-max-delay-ms", 30_000);
        healthCheckKey = Optional.ofNullable(settings.get("health-check-key"));

        if (!Files.isRegularFile(module)) {
            throw invalid("PKCS#11 module " + module + " (setting module) does not exist; install it"
                    + " (p11-kit-modules for p11-kit-client.so) or correct the path");
        }
        if (serverAddress.isPresent()) {
            checkServerAddress(serverAddress.get(), environment.apply(SERVER_ADDRESS_VARIABLE));
        }
    }

    /**
     * Parses {@code settings}, reading the PIN from its file or variable.
     *
     * @throws SignerException {@code CONFIGURATION} naming the invalid setting
     */
    public static Pkcs11Configuration parse(Map<String, String> settings) throws SignerException {
        return parse(settings, System::getenv);
    }

    static Pkcs11Configuration parse(Map<String, String> settings, Function<String, String> environment)
            throws SignerException {
        return new Pkcs11Configuration(settings, environment);
    }

    private static void checkServerAddress(String configured, String environment) throws SignerException {
        if (!configured.startsWith("unix:path=")) {
            throw invalid("server-address \"" + configured + "\" is not a p11-kit address; write unix:path=/path/to/socket");
        }
        if (!configured.equals(environment)) {
            throw invalid("server-address is " + configured + " but the environment variable "
                    + SERVER_ADDRESS_VARIABLE + " is " + (environment == null ? "not set" : environment)
                    + "; p11-kit-client.so reads only the variable, so start the service with "
                    + SERVER_ADDRESS_VARIABLE + "=" + configured);
        }
    }

    private static char[] readPin(Map<String, String> settings, Function<String, String> environment)
            throws SignerException {
        String file = settings.get("pin-file");
        String variable = settings.get("pin-env");
        if ((file == null) == (variable == null)) {
            throw invalid("Set exactly one of pin-file (a file holding the user PIN) and pin-env"
                    + " (an environment variable holding it)");
        }
        String pin;
        if (file != null) {
            try {
                pin = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw invalid("pin-file " + file + " does not exist; give the path of the file with the user PIN", e);
            } catch (AccessDeniedException e) {
                throw invalid("pin-file " + file + " is not readable by this account; give the service's account"
                        + " read access to it, and no one else", e);
            } catch (IOException e) {
                throw invalid("Cannot read pin-file " + file + ": " + e, e);
            }
        } else {
            pin = environment.apply(variable);
            if (pin == null) {
                throw invalid("pin-env names the environment variable " + variable + ", which is not set");
            }
        }
        if (pin.isEmpty()) {
            throw invalid("The user PIN from " + (file != null ? "pin-file " + file : "pin-env " + variable)
                    + " is empty");
        }
        return pin.toCharArray();
    }

    private static String required(Map<String, String> settings, String key) throws SignerException {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw invalid("Setting " + key + " is missing");
        }
        return value;
    }

    private static int positive(Map<String, String> settings, String key, int defaultValue, int max)
            throws SignerException {
        String text = settings.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw invalid("Setting " + key + " is \"" + text + "\"; expected a whole number from 1 to " + max);
    }

    private static Duration millis(Map<String, String> settings, String key, long defaultMillis)
            throws SignerException {
        String text = settings.get(key);
        if (text == null) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1) {
                return Duration.ofMillis(value);
            }
        } catch (NumberFormatException e) {
            // reported below with the expected unit
        }
        throw invalid("Setting " + key + " is \"" + text + "\"; expected a positive number of milliseconds");
    }

    private static SignerException invalid(String message) {
        return new SignerException(SignerException.Kind.CONFIGURATION, message);
    }

    private static SignerException invalid(String message, Throwable cause) {
        return new SignerException(SignerException.Kind.CONFIGURATION, message, cause);
    }

    public Path module() {
        return module;
    }

    public Optional<String> serverAddress() {
        return serverAddress;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    /** Returns a copy of the user PIN; the caller should clear it after use. */
    char[] pin() {
        return pin.clone();
    }

    public int connections() {
        return connections;
    }

    public int sessionsPerConnection() {
        return sessionsPerConnection;
    }

    public Duration sessionWait() {
        return sessionWait;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public Duration keyGenerationTimeout() {
        return keyGenerationTimeout;
    }

    public Duration reconnectDelay() {
        return reconnectDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public Optional<String> healthCheckKey() {
        return healthCheckKey;
    }

    /** Clears the PIN held in memory. */
    void clearPin() {
        Arrays.fill(pin, '\0');
    }

    @Override
    public String toString() {
        return "Pkcs11Configuration[module=" + module + ", server-address=" + serverAddress.orElse("(from environment)")
                + ", token-label=" + tokenLabel + ", connections=" + connections
                + ", sessions-per-connection=" + sessionsPerConnection + "]";
    }
}
