package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionStreamEncoder;
import dev.modelservice.server.http.LogText;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.SigningKey;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device API: the paths snapd uses for a device service ({@code request-id},
 * {@code serial}), the same under {@code /v1/} as Canonical's Serial Vault serves them, and
 * the store-proxy form that snapd uses after {@code HEAD /} reports a store version.
 */
@Path("/")
public final class DeviceResource {
    /** The media type of assertions on the wire (snapd's {@code asserts.MediaType}). */
    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";

    /** snapd uses a store proxy only when {@code HEAD /} returns a version of 6 or more. */
    static final String STORE_VERSION = "7";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceResource.class);
    private static final Set<String> KEYS_WARNED_WITHOUT_ACCOUNT_KEY = ConcurrentHashMap.newKeySet();
    /** Bounds the cache of decoded stored assertions: a few per signing key and brand. */
    private static final int MAX_DECODED_STORED = 256;
    private static final Map<String, List<Assertion>> DECODED_STORED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private DeviceContext context;

    @Context
    private Request jettyRequest;

    /** Returns 200 when the database and the HSM work, else 503, for load balancers; it needs no API key. */
    @GET
    @Path("health")
    @Endpoint("health")
    public Response health() {
        ServiceHealth.Report report = context.health().check();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("healthy", report.healthy());
        body.putAll(report.parts());
        Response.ResponseBuilder response = Response.status(report.healthy() ? 200 : 503).entity(json(body))
                .header("Content-Type", "application/json");
        if (!report.healthy()) {
            response.header("Retry-After", Long.toString(context.settings().retryAfter().toSeconds()));
        }
        return response.build();
    }

    @HEAD
    @Endpoint("store-version")
    public Response storeVersion() {
        return Response.ok().header("Snap-Store-Version", STORE_VERSION).build();
    }

    @POST
    @Path("request-id")
    @Endpoint("request-id")
    public Response requestId(@HeaderParam("api-key") String apiKey) {
        return issueRequestId(apiKey);
    }

    @POST
    @Path("v1/request-id")
    @Endpoint("request-id")
    public Response requestIdV1(@HeaderParam("api-key") String apiKey) {
        return issueRequestId(apiKey);
    }

    @POST
    @Path("api/v1/snaps/auth/request-id")
    @Endpoint("request-id")
    public Response requestIdThroughProxy(@HeaderParam("api-key") String apiKey) {
        return issueRequestId(apiKey);
    }

    @POST
    @Path("serial")
    @Endpoint("serial")
    public Response serial(@HeaderParam("Content-Type") String contentType, @HeaderParam("api-key") String apiKey,
            @HeaderParam("Snap-Device-Capabilities") String capabilities, InputStream body) throws SignerException {
        return signSerial(contentType, apiKey, capabilities, body);
    }

    @POST
    @Path("v1/serial")
    @Endpoint("serial")
    public Response serialV1(@HeaderParam("Content-Type") String contentType, @HeaderParam("api-key") String apiKey,
            @HeaderParam("Snap-Device-Capabilities") String capabilities, InputStream body) throws SignerException {
        return signSerial(contentType, apiKey, capabilities, body);
    }

    @POST
    @Path("api/v1/snaps/auth/devices")
    @Endpoint("serial")
    public Response serialThroughProxy(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("api-key") String apiKey, @HeaderParam("Snap-Device-Capabilities") String capabilities,
            InputStream body) throws SignerException {
        return signSerial(contentType, apiKey, capabilities, body);
    }

    private Response issueRequestId(String apiKey) {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            String requestId = context.registration().issueRequestId(apiKey);
            outcome = "issued";
            return Response.ok(json(Map.of("request-id", requestId))).header("Content-Type", "application/json")
                    .build();
        } catch (DeviceError e) {
            outcome = e.status() + " " + e.code();
            throw e;
        } finally {
            LOG.info("request-id from {}: {} in {} ms", clientAddress(), outcome, elapsedMillis(started));
        }
    }

    private Response signSerial(String contentType, String apiKey, String capabilities, InputStream body)
            throws SignerException {
        long started = System.nanoTime();
        String outcome = "failed";
        String described = "unknown model";
        try {
            checkContentType(contentType);
            checkDeclaredLength();
            // A cheap check before the body is read, so that an unknown client cannot tie up a
            // worker thread with a slow body. The model's own key is checked again after decoding.
            context.registration().checkApiKeyExists(apiKey);
            List<Assertion> stream = decode(readLimited(body));
            described = describe(stream);

            SignedSerial signed = context.registration().register(stream, apiKey, clientAddress());
            described = describe(signed.serial());
            if (!signed.replayed()) {
                context.metrics().serialSigned(signed.serial().headerString("brand-id"),
                        signed.serial().headerString("model"));
            }
            outcome = signed.replayed() ? "sent again (device retried)" : "signed";
            return Response.ok(answer(signed, wantsStream(capabilities))).header("Content-Type", ASSERTION_MEDIA_TYPE)
                    .build();
        } catch (DeviceError e) {
            outcome = e.status() + " " + e.code();
            throw e;
        } catch (SignerException e) {
            outcome = "signer " + e.kind();
            throw e;
        } finally {
            LOG.info("serial for {} from {}: {} in {} ms", described, clientAddress(), outcome,
                    elapsedMillis(started));
        }
    }

    private static void checkContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
        if (!mediaType.equalsIgnoreCase(ASSERTION_MEDIA_TYPE)) {
            throw new DeviceError(415, "invalid-content-type", "the serial request must have Content-Type "
                    + ASSERTION_MEDIA_TYPE + ", not " + (contentType == null ? "none" : contentType));
        }
    }

    private void checkDeclaredLength() {
        long declared = jettyRequest == null ? -1 : jettyRequest.getLength();
        int limit = context.settings().maxRequestBytes();
        if (declared > limit) {
            throw new DeviceError(413, "too-large", "the serial request declares " + declared + " bytes, more than"
                    + " the limit of " + limit + " bytes: send only the serial-request, the model and, on a remodel,"
                    + " the serial");
        }
    }

    private byte[] readLimited(InputStream body) {
        int limit = context.settings().maxRequestBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int read = body.read(chunk); read != -1; read = body.read(chunk)) {
                bytes.write(chunk, 0, read);
                if (bytes.size() > limit) {
                    throw new DeviceError(413, "too-large", "the serial request is larger than " + limit
                            + " bytes: send only the serial-request, the model and, on a remodel, the serial");
                }
            }
        } catch (IOException e) {
            throw DeviceError.badRequest("invalid-request", "the request body could not be read: " + e.getMessage());
        }
        return bytes.toByteArray();
    }

    private static List<Assertion> decode(byte[] body) {
        try {
            return AssertionStreamDecoder.decodeAll(body);
        } catch (AssertionFormatException e) {
            throw DeviceError.badRequest("invalid-assertion", "the request body is not a valid assertion stream: "
                    + e.getMessage());
        }
    }

    /**
     * Builds the response: the serial, then, for a device that reads streams, its signing key's
     * account-key and the brand's account, when an admin imported them.
     */
    private byte[] answer(SignedSerial signed, boolean stream) {
        List<Assertion> assertions = new ArrayList<>(List.of(signed.serial()));
        if (stream) {
            signed.signingKey().accountKey().ifPresentOrElse(text -> assertions.addAll(decodeStored(text, "account-key")),
                    () -> warnNoAccountKey(signed.signingKey()));
            context.registration().brandAccountAssertion(signed.serial().headerString("brand-id"))
                    .ifPresent(text -> assertions.addAll(decodeStored(text, "account")));
        }
        return AssertionStreamEncoder.encode(assertions);
    }

    /**
     * Warns once per signing key and process: a device that cannot reach a store then has no way
     * to check the serial, and snapd rejects it.
     */
    private static void warnNoAccountKey(SigningKey key) {
        if (KEYS_WARNED_WITHOUT_ACCOUNT_KEY.add(key.keyId())) {
            LOG.warn("Signing key '{}' ({}) has no imported account-key, so serials sent to devices carry none;"
                    + " devices without store access reject them. Import it with 'model-admin push-account-keys'",
                    key.name(), key.keyId());
        }
    }

    /**
     * Returns the decoded form of a stored account-key or account assertion. Every streamed serial
     * sends the same few texts, so they are kept by their exact text, which cannot go stale.
     */
    private static List<Assertion> decodeStored(String text, String type) {
        List<Assertion> cached = DECODED_STORED.get(text);
        if (cached != null) {
            return cached;
        }
        List<Assertion> decoded;
        try {
            decoded = List.copyOf(AssertionStreamDecoder.decodeAll(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a stored " + type + " assertion no longer decodes: " + e.getMessage(), e);
        }
        if (DECODED_STORED.size() >= MAX_DECODED_STORED) {
            DECODED_STORED.clear();
        }
        DECODED_STORED.put(text, decoded);
        return decoded;
    }

    private static boolean wantsStream(String capabilities) {
        if (capabilities == null) {
            return false;
        }
        for (String capability : capabilities.split("[ ,]+")) {
            if (capability.equals("serial-stream")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<Assertion> stream) {
        if (stream.isEmpty()) {
            return "an empty request";
        }
        Assertion first = stream.get(0);
        String proposed = first.headerString("serial");
        String model = "model " + LogText.printable(first.headerString("model")) + " of brand "
                + LogText.printable(first.headerString("brand-id"));
        return proposed == null ? model : "serial " + LogText.printable(proposed) + " of " + model;
    }

    private static String describe(Assertion serial) {
        return "serial " + LogText.printable(serial.headerString("serial")) + " of model "
                + LogText.printable(serial.headerString("model")) + " of brand "
                + LogText.printable(serial.headerString("brand-id"));
    }


    private String clientAddress() {
        return jettyRequest == null ? null : Request.getRemoteAddr(jettyRequest);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
