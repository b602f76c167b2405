package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.SerialRequest;
import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.Model;
import dev.modelservice.store.NewSigningLogEntry;
import dev.modelservice.store.NonceRejectedException;
import dev.modelservice.store.NonceStatus;
import dev.modelservice.store.SerialConflictException;
import dev.modelservice.store.SerialPolicy;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Serves the device side of registration: issues request-ids and signs serials with the key
 * of the model's active serial policy, recording each serial in the signing log in the
 * transaction that consumes the request-id.
 *
 * <p>A serial request is checked in this order: the stream's shape, the serial-request's
 * self-signature, the request-id, the brand, the model and its API key, the serial policy,
 * the model assertion, the remodel headers, then duplicates.
 */
public final class Registration {
    private final Store store;
    private final Signer signer;
    private final RegistrationSettings settings;
    private final Clock clock;
    private final ModelAssertionCheck modelAssertionCheck;

    public Registration(Store store, Signer signer, RegistrationSettings settings, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.modelAssertionCheck = new ModelAssertionCheck(store, settings.modelAssertionCheck());
    }

    /**
     * Issues a request-id to a device whose API key belongs to a model.
     *
     * @throws DeviceError 401 when no model has that API key
     */
    public String issueRequestId(String apiKey) {
        checkApiKeyExists(apiKey);
        return store.nonces().issue(settings.requestIdLifetime()).value();
    }

    /**
     * Checks that some model has this API key, before a request body is read.
     *
     * @throws DeviceError 401 when none has
     */
    public void checkApiKeyExists(String apiKey) {
        if (apiKey == null || apiKey.isEmpty() || store.models().findByApiKey(apiKey).isEmpty()) {
            throw DeviceError.unauthorized("missing or unknown API key: set the model's API key in the gadget's"
                    + " device-service.headers as {\"api-key\": \"...\"}");
        }
    }

    /** Returns the brand's account assertion when an admin imported it, for devices that read streams. */
    public Optional<String> brandAccountAssertion(String brandId) {
        return store.brandAccounts().findAccountAssertion(brandId);
    }

    /**
     * Checks a serial request and signs its serial.
     *
     * @param stream the decoded request body
     * @param apiKey the {@code api-key} header, or null
     * @param clientAddress the device's address, for the signing log
     * @return the serial assertion and the signing key it was signed with
     * @throws DeviceError for a request that cannot be served, with the HTTP status to return
     * @throws SignerException when the HSM fails
     */
    public SignedSerial register(List<Assertion> stream, String apiKey, String clientAddress) throws SignerException {
        SerialRequestParts parts = SerialRequestParts.of(stream);
        SerialRequest request = checkSelfSignature(parts.serialRequest());
        checkRequestId(request.requestId());

        Model model = servedModel(request.brandId(), request.model());
        checkApiKey(model, apiKey);
        SerialPolicy policy = activePolicy(model);
        modelAssertionCheck.check(parts.model(), model);
        Remodel.check(store, request, parts.currentSerial());

        String serial = serialNumber(request, model);
        Optional<SignedSerial> earlier = earlierSerial(request, model, serial);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        int revision = nextRevision(model, serial);

        Assertion assertion = sign(request, policy.signingKey(), serial, revision);
        try {
            record(request, policy.signingKey(), assertion, clientAddress);
        } catch (SerialConflictException e) {
            // Another request for this device key won the race: a retry gets what it recorded.
            return earlierSerial(request, model, serial).orElseThrow(() -> DeviceError.conflict("serial-taken",
                    "serial " + serial + " of model " + model.name() + " was registered by another request at the"
                            + " same moment: ask for a new request-id and retry"));
        }
        return new SignedSerial(assertion, policy.signingKey(), false);
    }

    private static SerialRequest checkSelfSignature(Assertion assertion) {
        try {
            SerialRequest request = SerialRequest.of(assertion);
            AssertionVerifier.verifySelfSigned(assertion);
            return request;
        } catch (AssertionException e) {
            throw DeviceError.badRequest("invalid-serial-request", "the serial-request signature does not verify"
                    + " with its device-key: " + e.getMessage());
        }
    }

    private void checkRequestId(String requestId) {
        NonceStatus status = store.nonces().check(requestId);
        if (status != NonceStatus.VALID) {
            throw requestIdError(requestId, status);
        }
    }

    private static DeviceError requestIdError(String requestId, NonceStatus status) {
        String problem = switch (status) {
            case USED -> "was already used";
            case EXPIRED -> "has expired";
            default -> "is unknown";
        };
        return DeviceError.badRequest("invalid-request-id", "request-id " + requestId + " " + problem
                + ": ask for a new one with POST request-id");
    }

    private Model servedModel(String brandId, String modelName) {
        if (store.brandAccounts().find(brandId).isEmpty()) {
            throw DeviceError.notFound("unknown-brand", "brand " + brandId + " is not served by this service");
        }
        return store.models().find(brandId, modelName).orElseThrow(() -> DeviceError.notFound("unknown-model",
                "model " + modelName + " of brand " + brandId + " is not known to this service: an admin adds it"
                        + " with 'model-admin create model " + modelName + "'"));
    }

    private static void checkApiKey(Model model, String apiKey) {
        byte[] expected = model.apiKey().getBytes(StandardCharsets.UTF_8);
        byte[] given = apiKey == null ? new byte[0] : apiKey.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw DeviceError.unauthorized("the API key is not the one of model " + model.name() + " of brand "
                    + model.brandAccountId() + ": check device-service.headers in the gadget");
        }
    }

    private SerialPolicy activePolicy(Model model) {
        return store.serialPolicies().findActive(model.brandAccountId(), model.name()).orElseThrow(() ->
                DeviceError.conflict("no-serial-policy", "model " + model.name() + " has no serial policy yet, so"
                        + " no key may sign its serials: an admin sets one with 'model-admin create serial-policy'"));
    }

    /** Returns the serial the device proposes, else one from the body, else one the service assigns. */
    private String serialNumber(SerialRequest request, Model model) {
        if (request.serial() != null) {
            return checkedSerial(request.serial(), "the serial-request's \"serial\" header");
        }
        String fromBody = serialFromBody(request.assertion().bodyText());
        if (fromBody != null) {
            return checkedSerial(fromBody, "the \"serial:\" line of the registration body");
        }
        if (model.settings().assignsSerials()) {
            return serialFormat(model).generate(clock);
        }
        throw DeviceError.badRequest("no-serial", "the serial-request proposes no serial and model " + model.name()
                + " does not let the service assign one: set registration.proposed-serial in the gadget's"
                + " prepare-device hook, or let the service assign serials for the model");
    }

    private static SerialFormat serialFormat(Model model) {
        String template = model.settings().serialFormat();
        if (template == null) {
            return SerialFormat.UUID_ONLY;
        }
        try {
            return SerialFormat.parse(template);
        } catch (IllegalArgumentException e) {
            // The admin API checks formats, so only an edit of the database itself gets here.
            throw new IllegalStateException("model " + model.name() + " of brand " + model.brandAccountId()
                    + " has a stored " + e.getMessage() + "; set a valid one with 'model-admin update model'", e);
        }
    }

    /**
     * Checks a proposed serial before anything is signed: snapd's primary key rules (no
     * {@code /}), the signing log's limit, printable characters without surrounding blanks.
     */
    private static String checkedSerial(String serial, String source) {
        String problem = null;
        if (serial.contains("/")) {
            problem = "contains '/', which snapd does not allow in a serial";
        } else if (serial.length() > SigningLogEntry.MAX_SERIAL_LENGTH) {
            problem = "is " + serial.length() + " characters long; the maximum is " + SigningLogEntry.MAX_SERIAL_LENGTH;
        } else if (!serial.strip().equals(serial)) {
            problem = "starts or ends with blanks";
        } else if (serial.codePoints().anyMatch(Character::isISOControl)) {
            problem = "contains control characters";
        }
        if (problem != null) {
            throw DeviceError.badRequest("invalid-serial", source + " " + problem + ": give the device a serial of"
                    + " printable characters without '/'");
        }
        return serial;
    }

    /** Reads a {@code serial: VALUE} line of the registration body, as Serial Vault accepted. */
    private static String serialFromBody(String body) {
        for (String line : body.split("\n")) {
            if (line.startsWith("serial:")) {
                String value = line.substring("serial:".length()).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** Returns the serial recorded for this device key and serial, when the device is retrying. */
    private Optional<SignedSerial> earlierSerial(SerialRequest request, Model model, String serial) {
        Optional<SigningLogEntry> byDevice = store.signingLog().findByDeviceKey(model.brandAccountId(), model.name(),
                request.deviceKey().id());
        if (byDevice.isEmpty()) {
            return Optional.empty();
        }
        SigningLogEntry entry = byDevice.get();
        if (!entry.serial().equals(serial)) {
            throw DeviceError.conflict("device-key-registered", "this device key is already registered under serial "
                    + entry.serial() + " of model " + model.name() + ": an admin removes that entry with"
                    + " 'model-admin delete signing-log-entry " + entry.id() + "' to register it again");
        }
        return Optional.of(SignedSerial.recorded(entry, store));
    }

    private int nextRevision(Model model, String serial) {
        List<SigningLogEntry> taken = store.signingLog().findSerial(model.brandAccountId(), model.name(), serial);
        if (taken.isEmpty()) {
            return 0;
        }
        if (!model.settings().allowsSerialRevisions()) {
            throw DeviceError.conflict("serial-taken", "serial " + serial + " of model " + model.name()
                    + " is already registered to another device: give each device its own serial");
        }
        return taken.stream().mapToInt(SigningLogEntry::revision).max().orElse(0) + 1;
    }

    private Assertion sign(SerialRequest request, SigningKey key, String serial, int revision)
            throws SignerException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL)
                .header("authority-id", key.brandAccountId())
                .header("brand-id", request.brandId())
                .header("model", request.model())
                .header("serial", serial)
                .header("device-key", request.assertion().headerString("device-key"))
                .header("device-key-sha3-384", request.deviceKey().id())
                .header("timestamp", now.toString())
                .body(request.assertion().body());
        if (revision > 0) {
            builder.header("revision", Integer.toString(revision));
        }

        KeyHandle handle = new KeyHandle(key.signerHandle());
        try {
            return builder.sign(AssertionPublicKey.decode(key.publicKey()), now, data -> signer.sign(handle, data));
        } catch (AssertionException e) {
            throw new IllegalStateException("the serial for " + request.assertion().reference()
                    + " could not be built: " + e.getMessage(), e);
        }
    }

    private void record(SerialRequest request, SigningKey key, Assertion assertion, String clientAddress) {
        NewSigningLogEntry entry = new NewSigningLogEntry(request.brandId(), request.model(),
                assertion.headerString("serial"), assertion.revision(), request.deviceKey().id(), key.keyId(),
                Instant.parse(assertion.headerString("timestamp")), clientAddress,
                new String(assertion.encode(), StandardCharsets.UTF_8));
        try {
            store.signingLog().record(request.requestId(), entry);
        } catch (NonceRejectedException e) {
            throw requestIdError(request.requestId(), e.status());
        }
    }
}
