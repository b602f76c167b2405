package dev.modelservice.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The service settings that the benchmark reads from the service's properties file (the keys
 * of docs/configuration.md): the signer's settings, so that the raw-sign part reaches the HSM
 * the way the service does, the database, the request-id lifetime and the listeners.
 */
final class ServiceConfig {
    static final String DEFAULT_PROVIDER = "pkcs11";
    /** The pkcs11 plugin's default for its {@code connections} setting. */
    static final int DEFAULT_CONNECTIONS = 2;
    static final Duration DEFAULT_REQUEST_ID_LIFETIME = Duration.ofSeconds(600);

    private final Path file;
    private final Map<String, String> values;

    private ServiceConfig(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /**
     * Reads a service configuration file.
     *
     * @throws BenchException when it cannot be read
     */
    static ServiceConfig read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BenchException("cannot read the service configuration " + file + " (--service-config): "
                    + e.getMessage() + "; give the properties file that the service runs with");
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).strip());
        }
        return new ServiceConfig(file, values);
    }

    static ServiceConfig of(Path file, Map<String, String> values) {
        return new ServiceConfig(file, new TreeMap<>(values));
    }

    Path file() {
        return file;
    }

    String signerProvider() {
        return nonEmpty("signer.provider").orElse(DEFAULT_PROVIDER);
    }

    /** Returns the selected provider's settings without their {@code signer.PROVIDER.} prefix, as the service does. */
    Map<String, String> signerSettings() {
        String prefix = "signer." + signerProvider() + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), value);
            }
        });
        return settings;
    }

    /** Returns the plugins folder, resolved against the file's folder as the service does. */
    Optional<Path> pluginsDir() {
        return nonEmpty("plugins-dir").map(this::resolve);
    }

    /** Returns the pkcs11 signer's signing connections: its {@code connections} setting or the plugin's default. */
    int signerConnections() {
        String text = signerSettings().get("connections");
        if (text == null) {
            return DEFAULT_CONNECTIONS;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BenchException("signer." + signerProvider() + ".connections in " + file + " is \"" + text
                    + "\", not a whole number; the service would not start with it either");
        }
    }

    /**
     * Describes how the signer reaches the HSM: {@code p11-kit} through p11-kit-client.so
     * (the pkcs11 plugin's default module), else the module's file name.
     */
    String hsmPath() {
        if (!signerProvider().equals(DEFAULT_PROVIDER)) {
            return signerProvider();
        }
        String module = signerSettings().getOrDefault("module", "p11-kit-client.so");
        String name = Path.of(module).getFileName().toString();
        return name.equals("p11-kit-client.so") ? "p11-kit" : name;
    }

    /** Returns {@code HSQLDB} for the embedded default and HSQLDB URLs, {@code PostgreSQL} for PostgreSQL URLs. */
    String database() {
        String url = nonEmpty("database.url").orElse("");
        if (url.isEmpty() || url.startsWith("jdbc:hsqldb:")) {
            return "HSQLDB";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL";
        }
        int end = url.indexOf(':', "jdbc:".length());
        return end > 0 ? url.substring(0, end) : url;
    }

    Duration requestIdLifetime() {
        return nonEmpty("registration.request-id-lifetime-s").map(text -> {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new BenchException("registration.request-id-lifetime-s in " + file + " is \"" + text
                        + "\", not a whole number of seconds");
            }
        }).orElse(DEFAULT_REQUEST_ID_LIFETIME);
    }

    /** Returns the device API's URL on this machine, from {@code device.host} and {@code device.port}. */
    URI deviceUrl() {
        return listenerUrl("device", "0.0.0.0", "8080");
    }

    /** Returns the admin API's URL on this machine, from {@code admin.host} and {@code admin.port}. */
    URI adminUrl() {
        return listenerUrl("admin", "127.0.0.1", "8081");
    }

    private URI listenerUrl(String listener, String defaultHost, String defaultPort) {
        String host = nonEmpty(listener + ".host").orElse(defaultHost);
        String port = nonEmpty(listener + ".port").orElse(defaultPort);
        if (port.equals("0")) {
            throw new BenchException(listener + ".port in " + file + " is 0, a port picked at start: give the"
                    + " --" + listener + "-url that the service printed");
        }
        // A service that listens on every interface is reached on this machine through loopback.
        String reachable = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return URI.create("http://" + reachable + ":" + port + "/");
    }

    private Optional<String> nonEmpty(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private Path resolve(String path) {
        Path folder = file.toAbsolutePath().getParent();
        return folder.resolve(path).normalize();
    }

    @Override
    public String toString() {
        return "ServiceConfig[" + file + ", signer " + signerProvider() + " via " + hsmPath() + ", " + database() + "]";
    }
}
