package dev.modelservice.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps the benchmark's load on this machine: it accepts only http and https URLs whose
 * host is {@code localhost} or a loopback address literal (127.0.0.0/8, ::1).
 */
final class Loopback {
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private Loopback() {
    }

    /**
     * Parses a service URL given as {@code option} and ends its path with a slash, so that
     * API paths resolve below it.
     *
     * @throws BenchException when the URL is malformed or its host is not a loopback host
     */
    static URI checkedUrl(String option, String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new BenchException("invalid " + option + " '" + text + "': " + e.getMessage()
                    + "; give an address such as http://127.0.0.1:8080/");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new BenchException("invalid " + option + " '" + text + "': give an http or https address"
                    + " without a query, such as http://127.0.0.1:8080/");
        }
        if (!isLoopbackHost(url.getHost())) {
            throw new BenchException("rejected " + option + " '" + text + "': the benchmark sends load only to"
                    + " loopback addresses (127.0.0.1, ::1 or localhost), so that it never loads a service that"
                    + " others use; run it on the service's machine against a loopback address");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority()
                + (path.endsWith("/") ? path : path + "/"));
    }

    /**
     * Returns true for {@code localhost}, IPv4 literals in 127.0.0.0/8 and the bracketed IPv6
     * literal of a loopback address, as {@link URI#getHost()} returns them. Other names are
     * never resolved, so that a DNS record cannot turn a remote host into an accepted one.
     */
    static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (IPV4_LITERAL.matcher(host).matches()) {
            return isLoopbackIpv4(host);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // A bracketed literal is parsed, never looked up: an invalid one throws.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isLoopbackIpv4(String literal) {
        String[] octets = literal.split("\\.");
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }
}
