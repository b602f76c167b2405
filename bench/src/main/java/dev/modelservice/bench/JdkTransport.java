package dev.modelservice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** {@link HttpTransport} on the JDK's {@code java.net.http} client, HTTP/1.1 with keep-alive. */
final class JdkTransport implements HttpTransport {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public Response post(URI uri, Map<String, String> headers, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .POST(body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(uri + ": no response within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        // The JDK's client closes its connections when it is collected; Java 17 has no close().
    }

    @Override
    public String toString() {
        return "JdkTransport[java.net.http, HTTP/1.1]";
    }
}
