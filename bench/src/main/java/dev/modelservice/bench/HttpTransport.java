package dev.modelservice.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP client that the timed phases post with. Two are built in, so that a run can show
 * whether the client limits the rate: the JDK's {@code java.net.http} client and Jetty's.
 */
interface HttpTransport extends AutoCloseable {
    /** Far above any latency worth measuring; a request that takes longer counts as a timeout. */
    Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    String USER_AGENT = "model-service-bench";

    /** The implementations, by the name that {@code --client} takes. */
    enum Kind {
        JDK, JETTY;

        static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(text.strip())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown client '" + text + "'; the clients are jdk and jetty");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Response(int status, byte[] body) {
    }

    /** An HTTP request that got no response within {@link #REQUEST_TIMEOUT}. */
    final class TimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Posts {@code body} with {@code headers} and waits for the whole response.
     *
     * @param contentType the body's media type, or null for an empty body
     * @throws TimeoutException when no response came within {@link #REQUEST_TIMEOUT}
     * @throws IOException when the connection failed
     */
    Response post(URI uri, Map<String, String> headers, String contentType, byte[] body)
            throws IOException, InterruptedException;

    @Override
    void close();

    /** Creates a client of {@code kind} that keeps up to {@code maxConnections} connections open. */
    static HttpTransport create(Kind kind, int maxConnections) {
        return kind == Kind.JETTY ? JettyTransport.start(maxConnections) : new JdkTransport();
    }
}
