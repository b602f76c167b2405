package dev.modelservice.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** Plain HTTP requests to the service under test. */
final class Http {
    private Http() {
    }

    /** Sends GET to {@code uri} and returns the response's status code. */
    static int getStatus(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(30_000);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }
}
