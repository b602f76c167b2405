package dev.modelservice.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** {@link HttpTransport} on Jetty's HTTP/1.1 client, the client side of the server's own stack. */
final class JettyTransport implements HttpTransport {
    private final HttpClient http;

    private JettyTransport(HttpClient http) {
        this.http = http;
    }

    static JettyTransport start(int maxConnections) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setFollowRedirects(false);
        http.setMaxConnectionsPerDestination(maxConnections);
        // Paced phases may queue more requests than there are connections.
        http.setMaxRequestsQueuedPerDestination(Math.max(1024, maxConnections * 4));
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        try {
            http.start();
        } catch (Exception e) {
            throw new BenchException("Jetty's HTTP client failed to start: " + e + "; use --client jdk", e);
        }
        return new JettyTransport(http);
    }

    @Override
    public Response post(URI uri, Map<String, String> headers, String contentType, byte[] body)
            throws IOException, InterruptedException {
        Request request = http.newRequest(uri)
                .method(HttpMethod.POST)
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> headers.forEach(fields::put));
        if (contentType != null) {
            request.body(new BytesRequestContent(contentType, body));
        }
        try {
            ContentResponse response = request.send();
            return new Response(response.getStatus(), response.getContent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException(uri + ": no response within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().toString(), e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping only closes connections; the run's results are complete by now.
            org.slf4j.LoggerFactory.getLogger(JettyTransport.class).warn("Jetty's HTTP client failed to stop: {}",
                    e.toString());
        }
    }

    @Override
    public String toString() {
        return "JettyTransport[" + http + "]";
    }
}
