package dev.modelservice.server;

import static dev.modelservice.server.ServiceConfiguration.SIGNER_PREFIX;
import static dev.modelservice.server.ServiceConfiguration.SIGNER_PROVIDER;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Configuration values given as environment variables, which win over the file. A key's
 * variable is {@value #PREFIX} and the key upper-cased with {@code .} and {@code -} turned into
 * {@code _}: {@code device.port} is {@code MODEL_SERVICE_DEVICE_PORT}. Settings of the selected
 * signer provider are found by prefix, {@code MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL} setting
 * {@code signer.pkcs11.token-label}, since the service does not know every plugin's settings.
 */
final class EnvironmentOverrides {
    static final String PREFIX = "MODEL_SERVICE_";

    /** Variables that the launchers read themselves; they name no configuration key. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("MODEL_SERVICE_JAVA_OPTS");

    /** How many similar variables an unknown variable's message suggests. */
    private static final int SUGGESTIONS = 3;

    private final Map<String, String> values;
    private final Map<String, String> variables;

    private EnvironmentOverrides(Map<String, String> values, Map<String, String> variables) {
        this.values = Collections.unmodifiableMap(values);
        this.variables = Collections.unmodifiableMap(variables);
    }

    /**
     * Returns the file's values with those of the {@value #PREFIX} variables in
     * {@code environment} put over them.
     *
     * @param keys every key that is not a signer provider's setting
     * @throws ConfigurationException naming a {@value #PREFIX} variable that names no key, with
     *     the nearest valid variables
     */
    static EnvironmentOverrides apply(Map<String, String> fileValues, Map<String, String> environment,
            Map<String, String> keys) {
        Map<String, String> keysByVariable = new TreeMap<>();
        Set<String> candidates = new TreeSet<>(keys.keySet());
        candidates.addAll(fileValues.keySet());
        for (String key : candidates) {
            keysByVariable.putIfAbsent(variableName(key), key);
        }
        String provider = selectedProvider(fileValues, environment, keys);
        String signerVariablePrefix = variableName(SIGNER_PREFIX + provider + ".");

        Map<String, String> values = new TreeMap<>(fileValues);
        Map<String, String> variables = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(variable)) {
                continue;
            }
            String key = keysByVariable.get(variable);
            if (key == null && variable.startsWith(signerVariablePrefix) && variable.length() > signerVariablePrefix.length()) {
                key = signerKey(signerVariablePrefix, variable, provider);
            }
            if (key == null) {
                throw unknownVariable(variable, keysByVariable, signerVariablePrefix);
            }
            values.put(key, entry.getValue().strip());
            variables.put(key, variable);
        }
        return new EnvironmentOverrides(values, variables);
    }

    /** Returns the variable that sets {@code key}, such as MODEL_SERVICE_DEVICE_PORT for device.port. */
    static String variableName(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String selectedProvider(Map<String, String> fileValues, Map<String, String> environment,
            Map<String, String> keys) {
        String fromEnvironment = environment.get(variableName(SIGNER_PROVIDER));
        if (fromEnvironment != null) {
            return fromEnvironment.strip();
        }
        return fileValues.getOrDefault(SIGNER_PROVIDER, keys.get(SIGNER_PROVIDER));
    }

    /** Turns MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL into signer.pkcs11.token-label: plugin settings use dashes. */
    private static String signerKey(String signerVariablePrefix, String variable, String provider) {
        String setting = variable.substring(signerVariablePrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
        return SIGNER_PREFIX + provider + "." + setting;
    }

    private static ConfigurationException unknownVariable(String variable, Map<String, String> keysByVariable,
            String signerVariablePrefix) {
        String nearest = NearestNames.of(variable, keysByVariable.keySet(), SUGGESTIONS).stream()
                .map(name -> name + " (" + keysByVariable.get(name) + ")")
                .collect(Collectors.joining(", "));
        return new ConfigurationException(variable, "Unknown environment variable " + variable + ": it names no"
                + " configuration key; the nearest valid variables are " + nearest + ", and " + signerVariablePrefix
                + "SETTING sets a setting of the selected signer provider. Correct the name or unset the variable;"
                + " docs/configuration.md lists every key");
    }

    /** Returns the file's values with the environment's put over them. */
    Map<String, String> values() {
        return values;
    }

    /** Returns each key set by the environment, with the variable that set it. */
    Map<String, String> variables() {
        return variables;
    }

    /** Names the variables only, since their values may point at secrets. */
    @Override
    public String toString() {
        return "EnvironmentOverrides" + variables.values();
    }
}
