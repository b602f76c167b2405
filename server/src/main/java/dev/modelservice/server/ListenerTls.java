package dev.modelservice.server;

import dev.modelservice.server.http.InvalidTlsFileException;
import dev.modelservice.server.http.TlsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A listener's TLS keys, {@code LISTENER.tls.*}, and {@code LISTENER.allow-plain-http}, where
 * LISTENER is {@code admin} or {@code device}. A listener serves TLS from PEM files or from a
 * PKCS#12 keystore. Without either it serves plain HTTP, which is allowed on a loopback
 * address, and elsewhere only when allow-plain-http is true. {@code init} needs no listener,
 * so the files and the plain HTTP rule are checked only when {@code run} asks for the settings.
 */
final class ListenerTls {
    static final String CERTIFICATE_FILE = "tls.certificate-file";
    static final String PRIVATE_KEY_FILE = "tls.private-key-file";
    static final String KEYSTORE_FILE = "tls.keystore-file";
    static final String KEYSTORE_PASSWORD_FILE = "tls.keystore-password-file";
    static final String ALLOW_PLAIN_HTTP = "allow-plain-http";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String listener;
    private final String host;
    private final boolean allowPlainHttp;
    private final Optional<Path> certificate;
    private final Optional<Path> privateKey;
    private final Optional<Path> keystore;
    private final Optional<Path> keystorePassword;

    /**
     * Reads the listener's keys and checks that they form PEM files or a PKCS#12 keystore, or
     * neither; the files are read later, by {@link #settings()}.
     *
     * @param listener {@code admin} or {@code device}, the keys' prefix
     * @param host the address the listener binds
     * @throws ConfigurationException when both PEM and PKCS#12 keys are set, or one of a pair is missing
     */
    ListenerTls(ConfigurationValues values, String listener, String host) {
        this.listener = listener;
        this.host = host;
        allowPlainHttp = values.bool(key(ALLOW_PLAIN_HTTP));
        certificate = values.optionalPath(key(CERTIFICATE_FILE));
        privateKey = values.optionalPath(key(PRIVATE_KEY_FILE));
        keystore = values.optionalPath(key(KEYSTORE_FILE));
        keystorePassword = values.optionalPath(key(KEYSTORE_PASSWORD_FILE));

        boolean pem = certificate.isPresent() || privateKey.isPresent();
        boolean pkcs12 = keystore.isPresent() || keystorePassword.isPresent();
        if (pem && pkcs12) {
            String pemKey = key(certificate.isPresent() ? CERTIFICATE_FILE : PRIVATE_KEY_FILE);
            String pkcs12Key = key(keystore.isPresent() ? KEYSTORE_FILE : KEYSTORE_PASSWORD_FILE);
            throw new ConfigurationException(pkcs12Key, pemKey + " and " + pkcs12Key + " are both set; expected"
                    + " either PEM files (" + key(CERTIFICATE_FILE) + ", " + key(PRIVATE_KEY_FILE) + ") or a PKCS#12"
                    + " keystore (" + key(KEYSTORE_FILE) + ", " + key(KEYSTORE_PASSWORD_FILE) + "), not both");
        }
        if (pem) {
            requirePair(certificate, CERTIFICATE_FILE, privateKey, PRIVATE_KEY_FILE);
        }
        if (pkcs12) {
            requirePair(keystore, KEYSTORE_FILE, keystorePassword, KEYSTORE_PASSWORD_FILE);
        }
    }

    /** Returns the listener's keys with their defaults: no TLS, plain HTTP on loopback only. */
    static Map<String, String> defaults(String listener) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String key : new String[] {CERTIFICATE_FILE, PRIVATE_KEY_FILE, KEYSTORE_FILE, KEYSTORE_PASSWORD_FILE}) {
            defaults.put(listener + "." + key, "");
        }
        defaults.put(listener + "." + ALLOW_PLAIN_HTTP, "false");
        return defaults;
    }

    /**
     * Reads the certificate and key files, or returns empty for plain HTTP.
     *
     * @throws ConfigurationException when a file cannot be read or parsed, or when plain HTTP
     *     would serve a non-loopback address without allow-plain-http
     */
    Optional<TlsSettings> settings() {
        if (certificate.isPresent()) {
            return Optional.of(fromPem(certificate.get(), privateKey.get()));
        }
        if (keystore.isPresent()) {
            return Optional.of(fromPkcs12(keystore.get(), keystorePassword.get()));
        }
        if (!allowPlainHttp && !isLoopback(host)) {
            throw new ConfigurationException(key("host"), key("host") + " is " + host + ", which is not a loopback"
                    + " address, and the " + listener + " API has no TLS; expected TLS on any other address."
                    + " Configure TLS with " + key(CERTIFICATE_FILE) + " and " + key(PRIVATE_KEY_FILE) + " (or "
                    + key(KEYSTORE_FILE) + " and " + key(KEYSTORE_PASSWORD_FILE) + "), or set "
                    + key(ALLOW_PLAIN_HTTP) + " = true to serve plain HTTP on " + host);
        }
        return Optional.empty();
    }

    /** Returns whether the listener serves TLS. */
    boolean enabled() {
        return certificate.isPresent() || keystore.isPresent();
    }

    private void requirePair(Optional<Path> first, String firstKey, Optional<Path> second, String secondKey) {
        if (first.isEmpty()) {
            throw new ConfigurationException(key(firstKey), key(firstKey) + " is empty but " + key(secondKey)
                    + " is set; expected both, or neither for plain HTTP");
        }
        if (second.isEmpty()) {
            throw new ConfigurationException(key(secondKey), key(secondKey) + " is empty but " + key(firstKey)
                    + " is set; expected both, or neither for plain HTTP");
        }
    }

    private TlsSettings fromPem(Path certificateFile, Path privateKeyFile) {
        try {
            return TlsSettings.fromPem(certificateFile, privateKeyFile);
        } catch (InvalidTlsFileException e) {
            String key = key(e.file().equals(certificateFile) ? CERTIFICATE_FILE : PRIVATE_KEY_FILE);
            throw new ConfigurationException(key, key + ": " + e.getMessage(), e);
        }
    }

    private TlsSettings fromPkcs12(Path keystoreFile, Path passwordFile) {
        try {
            return TlsSettings.fromPkcs12(keystoreFile, passwordFile);
        } catch (InvalidTlsFileException e) {
            String key = key(e.file().equals(passwordFile) ? KEYSTORE_PASSWORD_FILE : KEYSTORE_FILE);
            throw new ConfigurationException(key, key + ": " + e.getMessage(), e);
        }
    }

    private String key(String suffix) {
        return listener + "." + suffix;
    }

    /**
     * Returns whether {@code host} is {@code localhost} or a loopback IP literal. Other host
     * names count as not loopback, because resolving them here would need a name server.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(host).matches() && !host.contains(":")) {
            return false;
        }
        try {
            // An IP literal is parsed without any lookup.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
