package dev.modelservice.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.modelservice.cli.http.ServiceHttp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Calls the admin API with a bearer token and turns every failure into a
 * {@link CommandFailedException} whose message names the URL and what to do.
 */
final class AdminClient {
    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";
    /** How long an ordinary call may take; calls that wait for the HSM to generate a key pass their own. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;

    /**
     * @param caFile a PEM file of the CA certificates to trust for an https URL instead of
     *     Java's default ones, or empty
     */
    AdminClient(URI baseUrl, String token, Optional<Path> caFile) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = ServiceHttp.client(caFile);
    }

    /**
     * Checks and normalises a URL given by the admin: http or https, with a host, and a path
     * that ends in a slash so that API paths resolve below it.
     */
    static URI baseUrl(String text) {
        return ServiceHttp.baseUrl(text, "URL", "the admin API's", "http://127.0.0.1:8081/");
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Returns the path with each segment percent-encoded, for names taken from the command line. */
    static String path(String... segments) {
        StringJoiner path = new StringJoiner("/");
        for (String segment : segments) {
            // URLEncoder writes form encoding, in which a space is '+'; a path segment needs %20.
            path.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    /** Returns the path followed by the query parameters whose values are not null. */
    static String withQuery(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    JsonNode get(String path) {
        return json(send(request(path).GET(), REQUEST_TIMEOUT), "GET", path);
    }

    JsonNode post(String path, JsonNode body) {
        return post(path, body, REQUEST_TIMEOUT);
    }

    /** Posts a JSON body and waits up to {@code timeout} for the response, because HSM calls can take minutes. */
    JsonNode post(String path, JsonNode body, Duration timeout) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(toBytes(body)));
        return json(send(request, timeout), "POST", path);
    }

    JsonNode put(String path, JsonNode body) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(toBytes(body)));
        return json(send(request, REQUEST_TIMEOUT), "PUT", path);
    }

    /** Posts a JSON body and returns the response body, an assertion. */
    byte[] postForAssertion(String path, JsonNode body) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .header("Accept", ASSERTION_MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toBytes(body)));
        return send(request, REQUEST_TIMEOUT).body();
    }

    /** Posts a stream of assertions and returns the JSON response. */
    JsonNode postAssertions(String path, byte[] assertions) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", ASSERTION_MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(assertions));
        return json(send(request, REQUEST_TIMEOUT), "POST", path);
    }

    void delete(String path) {
        send(request(path).DELETE(), REQUEST_TIMEOUT);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder, Duration timeout) {
        HttpRequest request = builder.timeout(timeout).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new CommandFailedException("cannot connect to " + baseUrl + " within "
                    + ServiceHttp.CONNECT_TIMEOUT.toSeconds()
                    + " s; check the address given to 'model-admin login' and the network", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailedException(baseUrl + " did not respond to " + describe(request) + " within "
                    + timeout.toSeconds() + " s; see the Model Service's log", e);
        } catch (ConnectException e) {
            throw new CommandFailedException("cannot connect to " + baseUrl + ": connection refused; check that the"
                    + " Model Service runs there, or log in to the right URL with 'model-admin login URL'", e);
        } catch (IOException e) {
            throw ServiceHttp.failure(describe(request) + " to " + baseUrl, baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while waiting for " + baseUrl, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(request, response);
        }
        return response;
    }

    private static AdminApiException error(HttpRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String message = null;
        String code = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("message").isTextual()) {
                message = body.get("message").asText();
                code = body.path("code").isTextual() ? body.get("code").asText() : null;
            }
        } catch (IOException e) {
            // Not JSON, such as a proxy's HTML page: the status line below says what there is to say.
        }
        if (message == null) {
            message = request.uri().resolve("/") + " returned HTTP " + status + " for " + describe(request)
                    + (status == 401 ? "; log in again with 'model-admin login URL' and a valid token" : "");
        }
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        if (status == 503 && retryAfter != null) {
            message += " (the service asks to retry after " + retryAfter + " s)";
        }
        return new AdminApiException(status, code, message);
    }

    private JsonNode json(HttpResponse<byte[]> response, String method, String path) {
        if (response.statusCode() == 204 || response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CommandFailedException(baseUrl + " returned a body that is not JSON for " + method + " " + path
                    + ": " + e.getMessage() + "; is this the Model Service's admin URL?", e);
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    private static byte[] toBytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serialises", e);
        }
    }

    @Override
    public String toString() {
        return "AdminClient[" + baseUrl + "]";
    }
}
