package dev.modelservice.cli.http;

import dev.modelservice.cli.admin.CommandFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client setup that model-admin's admin commands and test-device share: HTTP/1.1,
 * no redirects, a connect timeout, and for https URLs either Java's default trusted CAs or
 * only the CA certificates of a PEM file given with {@code --ca-file} or
 * {@value #CA_FILE_VARIABLE}.
 */
public final class ServiceHttp {
    /** The variable that names a PEM file of CA certificates to trust instead of Java's default ones. */
    public static final String CA_FILE_VARIABLE = "MODEL_ADMIN_CA_FILE";

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ServiceHttp() {
    }

    /**
     * Returns a client that trusts only the CA certificates in {@code caFile} when it is given,
     * else Java's default CAs. The service speaks HTTP/1.1, so an h2c upgrade attempt would
     * only add a round trip, and a redirect could carry a token or API key to another host.
     *
     * @throws CommandFailedException when the file cannot be read or contains no certificate
     */
    public static HttpClient client(Optional<Path> caFile) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        caFile.ifPresent(file -> builder.sslContext(trusting(file)));
        return builder.build();
    }

    private static SSLContext trusting(Path caFile) {
        Collection<? extends Certificate> certificates = readCertificates(caFile);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Java's default key store and TLS types are always available", e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path caFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("CA file " + caFile + " does not exist; give the PEM file of the CA"
                    + " certificate that signed the service's certificate", e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read CA file " + caFile + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new CommandFailedException("CA file " + caFile + " is not a PEM certificate file: " + e.getMessage()
                    + "; give the CA certificate that signed the service's certificate, in PEM", e);
        }
        if (certificates.isEmpty()) {
            throw new CommandFailedException("CA file " + caFile + " contains no certificate; give the CA certificate"
                    + " that signed the service's certificate, in PEM");
        }
        return certificates;
    }

    /**
     * Checks a URL given by the admin (http or https, with a host, without query or fragment)
     * and ends its path with a slash, so that API paths resolve below it.
     *
     * @param option names the value in messages, such as "URL" or "--url"
     * @param service names the URL's owner in messages, such as "the admin API's"
     * @param example a valid URL for messages, such as http://127.0.0.1:8081/
     */
    public static URI baseUrl(String text, String option, String service, String example) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new CommandFailedException("invalid " + option + " '" + text + "': " + e.getMessage() + "; give "
                    + service + " address, such as " + example);
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new CommandFailedException("invalid " + option + " '" + text + "': give " + service + " http or https"
                    + " address without a query, such as " + example);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority()
                + (path.endsWith("/") ? path : path + "/"));
    }

    /**
     * Describes a failed exchange with {@code baseUrl} in the admin's terms: an untrusted
     * certificate, a TLS port reached with http, or else the exception itself.
     *
     * @param call the request, such as "POST http://127.0.0.1:8080/serial"
     */
    public static CommandFailedException failure(String call, URI baseUrl, IOException e) {
        if (e instanceof SSLHandshakeException) {
            return new CommandFailedException(call + ": the TLS handshake with " + baseUrl.getAuthority() + " failed ("
                    + e.getMessage() + "); when the service's certificate is signed by a private CA, give that CA's"
                    + " certificate with --ca-file FILE or " + CA_FILE_VARIABLE, e);
        }
        if (e instanceof SSLException) {
            return new CommandFailedException(call + ": TLS with " + baseUrl.getAuthority() + " failed: "
                    + e.getMessage() + "; if the service serves plain HTTP there, use an http:// URL", e);
        }
        if (baseUrl.getScheme().equals("http")) {
            return new CommandFailedException(call + " failed: " + e + "; if the service serves HTTPS there, use an"
                    + " https:// URL", e);
        }
        return new CommandFailedException(call + " failed: " + e, e);
    }
}
