package dev.modelservice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API calls the benchmark needs (docs/admin-api.md): the brands and signing keys,
 * and models with serial policies that it creates for each run and deletes afterwards.
 * Every failure is a {@link BenchException} that names the call and the service's message.
 */
final class AdminApi {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signing key as the admin API shows it. */
    record Key(String name, String brand, String sha3384, String publicKey) {
    }

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;

    AdminApi(URI baseUrl, String token, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /** Returns the account-ids of the brands the service serves. */
    List<String> brands() {
        List<String> brands = new ArrayList<>();
        for (JsonNode brand : send("GET", "v1/brands", null)) {
            brands.add(brand.path("account-id").asText());
        }
        return brands;
    }

    /** Returns the names of the brand's signing keys. */
    List<String> keyNames(String brand) {
        List<String> names = new ArrayList<>();
        for (JsonNode key : send("GET", "v1/keys", null)) {
            if (brand.equals(key.path("brand").asText())) {
                names.add(key.path("name").asText());
            }
        }
        return names;
    }

    /** Returns one signing key with its public key. */
    Key key(String name) {
        JsonNode key = send("GET", "v1/keys/" + encode(name), null);
        return new Key(key.path("name").asText(), key.path("brand").asText(), key.path("sha3-384").asText(),
                key.path("public-key").asText());
    }

    /** Returns the service's version and its signer's description, from {@code GET /v1/status}. */
    JsonNode status() {
        return send("GET", "v1/status", null);
    }

    /**
     * Creates a model whose serials {@code key} signs, and returns the API key that the
     * service generated for it.
     */
    String createModel(String brand, String name, String key) {
        ObjectNode model = JSON.createObjectNode().put("brand", brand).put("name", name);
        String apiKey = send("POST", "v1/models", model).path("api-key").asText();
        send("POST", "v1/models/" + encode(name) + "/serial-policies?brand=" + encode(brand),
                JSON.createObjectNode().put("key", key));
        return apiKey;
    }

    /** Deletes a model; its signing log entries stay in the service. */
    void deleteModel(String brand, String name) {
        send("DELETE", "v1/models/" + encode(name) + "?brand=" + encode(brand), null);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }

        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BenchException(method + " " + baseUrl.resolve(path) + " failed: " + e
                    + "; check that the service's admin API listens at " + baseUrl + " (--admin-url)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted during " + method + " " + baseUrl.resolve(path), e);
        }
        return json(method, path, response);
    }

    private JsonNode json(String method, String path, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 != 2) {
            Outcome error = DeviceApi.errorOutcome(status, response.body());
            throw new BenchException(method + " " + baseUrl.resolve(path) + " failed: HTTP " + error.errorKey() + ": "
                    + error.message() + (status == 401 ? "; check the admin token (--admin-token-file)" : ""));
        }
        if (response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BenchException(method + " " + baseUrl.resolve(path) + " returned a body that is not JSON: "
                    + e.getMessage() + "; is --admin-url the admin API's address?", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "AdminApi[" + baseUrl + "]";
    }
}
