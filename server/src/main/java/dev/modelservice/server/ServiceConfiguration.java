package dev.modelservice.server;

import dev.modelservice.server.device.RegistrationSettings;
import dev.modelservice.server.http.TlsSettings;
import dev.modelservice.store.PoolSettings;
import dev.modelservice.store.StoreSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's settings, read from a Java properties file and {@code MODEL_SERVICE_*}
 * environment variables, which win over the file (see {@link EnvironmentOverrides}).
 * {@code docs/configuration.md} describes every key. Relative paths, also those from the
 * environment, are resolved against the file's folder.
 *
 * <p>Keys {@code signer.PROVIDER.NAME} are the settings of signer provider PROVIDER; the
 * selected provider gets them with the prefix stripped, as {@code NAME}.
 */
public final class ServiceConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceConfiguration.class);

    public static final String DATA_DIR = "data-dir";
    public static final String DATABASE_URL = "database.url";
    public static final String DATABASE_USER = "database.user";
    public static final String DATABASE_PASSWORD_FILE = "database.password-file";
    public static final String DATABASE_POOL_SIZE = "database.pool-size";
    public static final String DATABASE_CONNECTION_TIMEOUT_MS = "database.connection-timeout-ms";
    public static final String ADMIN_HOST = "admin.host";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_IDLE_TIMEOUT_MS = "admin.idle-timeout-ms";
    public static final String ADMIN_METRICS_REQUIRE_TOKEN = "admin.metrics-require-token";
    public static final String DEVICE_HOST = "device.host";
    public static final String DEVICE_PORT = "device.port";
    public static final String REQUEST_ID_LIFETIME_S = "registration.request-id-lifetime-s";
    public static final String MODEL_ASSERTION_CHECK = "registration.model-assertion-check";
    public static final String MAX_REQUEST_BYTES = "registration.max-request-bytes";
    public static final String RETRY_AFTER_S = "registration.retry-after-s";
    public static final String PLUGINS_DIR = "plugins-dir";
    public static final String SIGNER_PROVIDER = "signer.provider";

    /** The prefix of the settings handed to signer providers. */
    public static final String SIGNER_PREFIX = "signer.";

    /** The name of the first admin token's file in the data folder. */
    public static final String ADMIN_TOKEN_FILE = "admin-token";

    private static final Map<String, String> DEFAULTS = defaults();

    private final Path source;
    private final Map<String, String> environmentVariables;
    private final Path dataDir;
    private final Optional<String> databaseUrl;
    private final String databaseUser;
    private final Optional<Path> databasePasswordFile;
    private final PoolSettings pool;
    private final String adminHost;
    private final int adminPort;
    private final Duration adminIdleTimeout;
    private final boolean adminMetricsRequireToken;
    private final String deviceHost;
    private final int devicePort;
    private final ListenerTls adminTls;
    private final ListenerTls deviceTls;
    private final RegistrationSettings registrationSettings;
    private final Optional<Path> pluginsDir;
    private final String signerProvider;
    private final Map<String, String> signerSettings;

    private ServiceConfiguration(Map<String, String> values, Path baseFolder, Path source,
            Map<String, String> environmentVariables) {
        this.source = source;
        this.environmentVariables = environmentVariables;
        ConfigurationValues read = new ConfigurationValues(DEFAULTS, values, baseFolder);
        dataDir = read.path(DATA_DIR);
        databaseUrl = read.optional(DATABASE_URL);
        databaseUser = read.text(DATABASE_USER);
        databasePasswordFile = read.optional(DATABASE_PASSWORD_FILE).map(text -> read.path(DATABASE_PASSWORD_FILE));
        pool = read.pool();
        adminHost = read.host(ADMIN_HOST);
        adminPort = read.port(ADMIN_PORT);
        adminIdleTimeout = Duration.ofMillis(read.number(ADMIN_IDLE_TIMEOUT_MS, 1, Integer.MAX_VALUE));
        adminMetricsRequireToken = read.bool(ADMIN_METRICS_REQUIRE_TOKEN);
        deviceHost = read.host(DEVICE_HOST);
        devicePort = read.port(DEVICE_PORT);
        adminTls = new ListenerTls(read, "admin", adminHost);
        deviceTls = new ListenerTls(read, "device", deviceHost);
        registrationSettings = new RegistrationSettings(
                Duration.ofSeconds(read.number(REQUEST_ID_LIFETIME_S, 1, 86_400)),
                modelAssertionCheck(read.text(MODEL_ASSERTION_CHECK)),
                (int) read.number(MAX_REQUEST_BYTES, 64 * 1024, 256L * 1024 * 1024),
                Duration.ofSeconds(read.number(RETRY_AFTER_S, 1, 3_600)));
        pluginsDir = read.optional(PLUGINS_DIR).map(text -> read.path(PLUGINS_DIR));
        signerProvider = read.providerName();
        signerSettings = Collections.unmodifiableMap(read.signerSettings(signerProvider));

        if (databaseUrl.isPresent() && databaseUser.isEmpty()) {
            throw new ConfigurationException(DATABASE_USER, DATABASE_USER + " is empty but " + DATABASE_URL + " is "
                    + databaseUrl.get() + "; give the database user that the service connects as");
        }
    }

    /**
     * Reads a properties file (ISO 8859-1 escapes aside, UTF-8 text), with the values of the
     * {@code MODEL_SERVICE_*} variables of {@code environment} put over the file's.
     *
     * @param environment the process environment, such as {@link System#getenv()}
     * @throws ConfigurationException when the file cannot be read, a variable names no key or
     *     a value is invalid; the message names the file or the variable that gave the value
     */
    public static ServiceConfiguration load(Path file, Map<String, String> environment) {
        Properties properties = new SingleValueProperties(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(null, "Configuration file " + file + " does not exist;"
                    + " give the path of the service's properties file", e);
        } catch (IOException e) {
            throw new ConfigurationException(null, "Cannot read configuration file " + file + ": " + e
                    + "; give the path of a readable properties file", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(null, "Configuration file " + file + " is not a valid properties file: "
                    + e.getMessage(), e);
        }
        Path absolute = file.toAbsolutePath().normalize();
        EnvironmentOverrides overrides = EnvironmentOverrides.apply(toMap(properties), environment, DEFAULTS);
        ServiceConfiguration configuration;
        try {
            configuration = new ServiceConfiguration(overrides.values(), absolute.getParent(), absolute,
                    overrides.variables());
        } catch (ConfigurationException e) {
            throw located(e, absolute, overrides.variables());
        }
        if (!overrides.variables().isEmpty()) {
            LOG.info("Configuration keys set by environment variables, over {}: {}", absolute,
                    String.join(", ", overrides.variables().keySet()));
        }
        return configuration;
    }

    /** Prefixes the message with where the key at fault was set: the file or an environment variable. */
    private static ConfigurationException located(ConfigurationException e, Path source,
            Map<String, String> environmentVariables) {
        String variable = environmentVariables.get(e.key());
        if (variable == null && source == null) {
            return e;
        }
        String where = variable != null ? "In environment variable " + variable : "In " + source;
        return new ConfigurationException(e.key(), where + ": " + e.getMessage(), e);
    }

    /** Reads settings given in code; relative paths are resolved against the working folder. */
    public static ServiceConfiguration fromProperties(Properties properties) {
        return new ServiceConfiguration(toMap(properties), Path.of("").toAbsolutePath(), null, Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key.strip(), properties.getProperty(key).strip());
        }
        return values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(DATA_DIR, "/var/lib/model-service");
        defaults.put(DATABASE_URL, "");
        defaults.put(DATABASE_USER, "");
        defaults.put(DATABASE_PASSWORD_FILE, "");
        defaults.put(DATABASE_POOL_SIZE, Integer.toString(PoolSettings.DEFAULT.maximumSize()));
        defaults.put(DATABASE_CONNECTION_TIMEOUT_MS, Long.toString(PoolSettings.DEFAULT.connectionTimeout().toMillis()));
        defaults.put(ADMIN_HOST, "127.0.0.1");
        defaults.put(ADMIN_PORT, "8081");
        // Longer than the PKCS#11 signer's default key generation timeout of 10 minutes, so
        // that a slow key generation fails in the signer with a message, not with a dropped connection.
        defaults.put(ADMIN_IDLE_TIMEOUT_MS, "900000");
        defaults.put(ADMIN_METRICS_REQUIRE_TOKEN, "false");
        defaults.put(DEVICE_HOST, "0.0.0.0");
        defaults.put(DEVICE_PORT, "8080");
        defaults.putAll(ListenerTls.defaults("admin"));
        defaults.putAll(ListenerTls.defaults("device"));
        defaults.put(REQUEST_ID_LIFETIME_S, "600");
        defaults.put(MODEL_ASSERTION_CHECK, "verify-when-known");
        defaults.put(MAX_REQUEST_BYTES, Integer.toString(RegistrationSettings.DEFAULT_MAX_REQUEST_BYTES));
        defaults.put(RETRY_AFTER_S, "60");
        defaults.put(PLUGINS_DIR, "");
        defaults.put(SIGNER_PROVIDER, "pkcs11");
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * Returns the store settings: the embedded HSQLDB under {@code data-dir/db} when
     * {@code database.url} is empty, else that database. Reads the password file.
     *
     * @throws ConfigurationException when the password file cannot be read
     */
    public StoreSettings storeSettings() {
        if (databaseUrl.isEmpty()) {
            return StoreSettings.embedded(embeddedDatabaseFolder()).withPool(pool);
        }
        String password = databasePasswordFile.map(ServiceConfiguration::readPassword).orElse("");
        try {
            return StoreSettings.of(databaseUrl.get(), databaseUser, password).withPool(pool);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(DATABASE_URL, DATABASE_URL + ": " + e.getMessage(), e);
        }
    }

    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationException(DATABASE_PASSWORD_FILE, "Cannot read " + DATABASE_PASSWORD_FILE + " "
                    + file + ": " + e + "; make it readable by the service's account", e);
        }
    }

    /** Returns the file, or null when the settings were given in code. */
    public Path source() {
        return source;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path embeddedDatabaseFolder() {
        return dataDir.resolve("db");
    }

    /** Returns the file that {@code model-service init} writes the first admin token to. */
    public Path adminTokenFile() {
        return dataDir.resolve(ADMIN_TOKEN_FILE);
    }

    public Optional<String> databaseUrl() {
        return databaseUrl;
    }

    public String adminHost() {
        return adminHost;
    }

    public int adminPort() {
        return adminPort;
    }

    public Duration adminIdleTimeout() {
        return adminIdleTimeout;
    }

    /** Returns whether {@code GET /metrics} on the admin listener needs an admin token. */
    public boolean adminMetricsRequireToken() {
        return adminMetricsRequireToken;
    }

    public String deviceHost() {
        return deviceHost;
    }

    public int devicePort() {
        return devicePort;
    }

    /**
     * Reads the admin listener's certificate and key from their files, or returns empty for
     * plain HTTP.
     *
     * @throws ConfigurationException when a file cannot be read or parsed, or when
     *     {@code admin.host} is not a loopback address and neither TLS nor
     *     {@code admin.allow-plain-http} is set
     */
    public Optional<TlsSettings> adminTls() {
        return listenerTls(adminTls);
    }

    /** Reads the device listener's certificate and key; see {@link #adminTls()}. */
    public Optional<TlsSettings> deviceTls() {
        return listenerTls(deviceTls);
    }

    private Optional<TlsSettings> listenerTls(ListenerTls listener) {
        try {
            return listener.settings();
        } catch (ConfigurationException e) {
            throw located(e, source, environmentVariables);
        }
    }

    /** Returns the keys that environment variables set, each with its variable. */
    public Map<String, String> environmentVariables() {
        return environmentVariables;
    }

    /**
     * Describes the database for logs: its kind and location, without user or password, such
     * as "embedded HSQLDB in /var/lib/model-service/db".
     */
    public String databaseDescription() {
        if (databaseUrl.isEmpty()) {
            return "embedded HSQLDB in " + embeddedDatabaseFolder();
        }
        String kind = databaseUrl.get().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "HSQLDB";
        return kind + " at " + StoreSettings.of(databaseUrl.get(), databaseUser, "").redactedUrl();
    }

    /** Returns the settings of the device API: request-id lifetime, model assertion check, limits. */
    public RegistrationSettings registrationSettings() {
        return registrationSettings;
    }

    private static RegistrationSettings.ModelAssertionCheck modelAssertionCheck(String value) {
        return switch (value) {
            case "require" -> RegistrationSettings.ModelAssertionCheck.REQUIRE;
            case "verify-when-known" -> RegistrationSettings.ModelAssertionCheck.VERIFY_WHEN_KNOWN;
            case "ignore" -> RegistrationSettings.ModelAssertionCheck.IGNORE;
            default -> throw new ConfigurationException(MODEL_ASSERTION_CHECK, MODEL_ASSERTION_CHECK + " is \"" + value
                    + "\"; expected require, verify-when-known or ignore");
        };
    }

    public Optional<Path> pluginsDir() {
        return pluginsDir;
    }

    public String signerProvider() {
        return signerProvider;
    }

    /** Returns the selected provider's settings, without the {@code signer.PROVIDER.} prefix. */
    public Map<String, String> signerSettings() {
        return signerSettings;
    }

    /** Lists the signer settings' keys only, since a plugin's values may be secret. */
    @Override
    public String toString() {
        return "ServiceConfiguration[" + (source == null ? "in code" : source) + ", data-dir=" + dataDir
                + ", database=" + databaseUrl.orElse("embedded") + ", admin=" + adminHost + ":" + adminPort
                + (adminTls.enabled() ? " TLS" : "") + ", device=" + deviceHost + ":" + devicePort
                + (deviceTls.enabled() ? " TLS" : "") + ", plugins-dir=" + pluginsDir.map(Path::toString).orElse("none")
                + ", signer=" + signerProvider + " " + new TreeSet<>(signerSettings.keySet())
                + ", from environment=" + environmentVariables.keySet() + "]";
    }

    /** Settings given in code, checked by {@link #build()} as a file's are. */
    public static final class Builder {
        private final Properties properties = new Properties();

        private Builder() {
        }

        /** Sets any key, as a line of a properties file would. */
        public Builder set(String key, String value) {
            properties.setProperty(key, value);
            return this;
        }

        public Builder dataDir(Path folder) {
            return set(DATA_DIR, folder.toString());
        }

        public Builder adminHost(String host) {
            return set(ADMIN_HOST, host);
        }

        public Builder adminPort(int port) {
            return set(ADMIN_PORT, Integer.toString(port));
        }

        public Builder deviceHost(String host) {
            return set(DEVICE_HOST, host);
        }

        public Builder devicePort(int port) {
            return set(DEVICE_PORT, Integer.toString(port));
        }

        public Builder pluginsDir(Path folder) {
            return set(PLUGINS_DIR, folder.toString());
        }

        public Builder signerProvider(String name) {
            return set(SIGNER_PROVIDER, name);
        }

        /** Sets a setting of the selected signer provider, by its name without prefix. */
        public Builder signerSetting(String name, String value) {
            String provider = properties.getProperty(SIGNER_PROVIDER, DEFAULTS.get(SIGNER_PROVIDER));
            return set(SIGNER_PREFIX + provider + "." + name, value);
        }

        public Builder signerSettings(Map<String, String> settings) {
            settings.forEach(this::signerSetting);
            return this;
        }

        /** @throws ConfigurationException naming the first invalid key */
        public ServiceConfiguration build() {
            return fromProperties(properties);
        }
    }

    /**
     * Properties that reject a key given twice. {@link Properties#load} would keep the last
     * value silently, so an operator who edits the other line would change nothing.
     */
    private static final class SingleValueProperties extends Properties {
        private static final long serialVersionUID = 1L;

        private final transient Path file;

        SingleValueProperties(Path file) {
            this.file = file;
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            if (containsKey(key)) {
                throw new ConfigurationException(key.toString(), "Configuration file " + file + " sets " + key
                        + " twice; keep one line for it");
            }
            return super.put(key, value);
        }
    }
}
