package dev.modelservice.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerificationException;
import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.NewSigningKey;
import dev.modelservice.store.SigningKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing keys: generated on the HSM, recorded with their SHA3-384 key id, and registered with the store. */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class KeysResource {
    private static final Logger LOG = LoggerFactory.getLogger(KeysResource.class);

    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";
    static final int DEFAULT_BITS = 4096;
    static final int MIN_BITS = 2048;
    static final int MAX_BITS = 8192;

    private final AdminContext context;

    @Inject
    KeysResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.Key> list() {
        return context.store().signingKeys().list().stream().map(KeysResource::view).toList();
    }

    @GET
    @Path("{key}")
    public Views.KeyDetails get(@PathParam("key") String reference) {
        return details(context.signingKey(reference));
    }

    /**
     * Generates the key pair on the HSM and records it, or, with {@code existing}, records a key
     * pair that another tool created in the token. Generation keeps the request open until the
     * HSM is done, which takes minutes on some HSMs.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Requests.CreateKey body, @Context SecurityContext security) throws SignerException {
        Requests.CreateKey request = Inputs.body(body, "\"name\" and optionally \"bits\", \"brand\" and"
                + " \"existing\"");
        String name = Inputs.keyName(request.name());
        BrandAccount brand = context.brand(request.brand());
        if (context.store().signingKeys().findByName(name).isPresent()) {
            throw ApiException.conflict("signing key name '" + name + "' is taken; choose another name");
        }

        SigningKey created = request.existing() == null
                ? generate(name, bits(request.bits()), brand, security)
                : adopt(name, request, brand, security);
        LOG.info("Signing key '{}' created: {}", name, created.keyId());
        return Response.status(Response.Status.CREATED).entity(details(created)).build();
    }

    private SigningKey generate(String name, int bits, BrandAccount brand, SecurityContext security)
            throws SignerException {
        LOG.info("Generating RSA-{} signing key '{}' for brand {} on the HSM", bits, name, brand.accountId());
        dev.modelservice.signer.SigningKey generated = context.signer().generateKey(name, bits);
        try {
            return record(name, generated, brand, "create-key", security);
        } catch (RuntimeException e) {
            LOG.error("Signing key '{}' was generated on the HSM with handle {} but not recorded; it stays unused in"
                    + " the token: {}", name, generated.handle(), e.getMessage());
            throw e;
        }
    }

    /**
     * Records a key pair that is in the token already, after a test signature shows that its
     * private half signs and matches the public half.
     */
    private SigningKey adopt(String name, Requests.CreateKey request, BrandAccount brand, SecurityContext security)
            throws SignerException {
        if (request.bits() != null) {
            throw ApiException.badRequest("give either \"bits\", to generate a key, or \"existing\", to record a key"
                    + " pair that is in the token already, not both");
        }
        KeyHandle handle = new KeyHandle(Inputs.required(request.existing(), "existing"));
        dev.modelservice.signer.SigningKey found = context.signer().findKey(handle);
        int bits = found.publicKey().getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw ApiException.badRequest("the key pair with handle " + handle.value() + " has " + bits + " bits;"
                    + " signing keys need at least " + MIN_BITS);
        }
        checkSignsWith(found);
        LOG.info("Recording RSA-{} key pair {} of the token as signing key '{}' for brand {}", bits, handle.value(),
                name, brand.accountId());
        return record(name, found, brand, "adopt-key", security);
    }

    private void checkSignsWith(dev.modelservice.signer.SigningKey key) throws SignerException {
        byte[] probe = ("model-service key check " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        byte[] signature = context.signer().sign(key.handle(), probe);
        try {
            Signature verifier = Signature.getInstance("SHA512withRSA");
            verifier.initVerify(key.publicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw ApiException.badRequest("the private key with handle " + key.handle().value() + " does not"
                        + " match its public key: its test signature does not verify; check the token's objects");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA512withRSA verification is not available", e);
        }
    }

    private SigningKey record(String name, dev.modelservice.signer.SigningKey key, BrandAccount brand, String action,
            SecurityContext security) {
        AssertionPublicKey publicKey = AssertionPublicKey.of(key.publicKey());
        NewSigningKey record = new NewSigningKey(name, publicKey.id(), brand.accountId(), context.signerProvider(),
                key.handle().value(), publicKey.encode());
        return context.store().inTransaction(records -> {
            SigningKey created = records.signingKeys().create(record);
            records.auditLog().append(BearerTokenFilter.tokenName(security), action, name,
                    "sha3-384=" + created.keyId() + ", bits=" + key.modulusBits() + ", brand=" + brand.accountId()
                            + ", handle=" + key.handle().value());
            return created;
        });
    }

    /**
     * Returns the {@code account-key-request} for the key, signed by the key on the HSM. The
     * body is optional JSON with {@code account-id}, {@code name} and {@code since}, which
     * default to the key's brand, the key's name and now.
     */
    @POST
    @Path("{key}/account-key-request")
    @Produces(ASSERTION_MEDIA_TYPE)
    public Response accountKeyRequest(@PathParam("key") String reference, String body,
            @Context SecurityContext security) throws SignerException {
        SigningKey key = context.signingKey(reference);
        Requests.AccountKeyRequest request = parseOptional(body);
        requireOwnSigner(key);

        String accountId = request.accountId() != null ? request.accountId() : key.brandAccountId();
        if (!accountId.equals(key.brandAccountId())) {
            throw ApiException.badRequest("account-id '" + accountId + "' is not the brand of signing key '"
                    + key.name() + "', which signs for '" + key.brandAccountId() + "'; leave account-id out, or"
                    + " create a key for that brand");
        }
        String name = request.name() != null ? request.name() : key.name();
        Instant since = request.since() != null
                ? Inputs.time(request.since(), "since")
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Assertion assertion = sign(key, accountId, name, since);

        context.store().auditLog().append(BearerTokenFilter.tokenName(security), "sign-account-key-request",
                key.name(), "account-id=" + accountId + ", name=" + name + ", since=" + since);
        return Response.ok(assertion.encode(), ASSERTION_MEDIA_TYPE).build();
    }

    private Assertion sign(SigningKey key, String accountId, String name, Instant since) throws SignerException {
        AssertionPublicKey publicKey = AssertionPublicKey.decode(key.publicKey());
        KeyHandle handle = new KeyHandle(key.signerHandle());
        try {
            return AssertionBuilder.of(AssertionType.ACCOUNT_KEY_REQUEST)
                    .header("account-id", accountId)
                    .header("name", name)
                    .header("public-key-sha3-384", key.keyId())
                    .header("since", since.toString())
                    .body(publicKey.encode())
                    .sign(publicKey, Instant.now(), data -> context.signer().sign(handle, data));
        } catch (AssertionFormatException e) {
            throw ApiException.badRequest("the account-key-request for key '" + key.name() + "' would be invalid: "
                    + e.getMessage() + "; correct account-id, name or since");
        } catch (AssertionVerificationException e) {
            throw new IllegalStateException("the HSM's signature with key '" + key.name() + "' does not verify", e);
        }
    }

    /** Fails when the key was generated by another signer provider than the one the service runs. */
    private void requireOwnSigner(SigningKey key) {
        if (!key.signerProvider().equals(context.signerProvider())) {
            throw ApiException.conflict("signing key '" + key.name() + "' is held by signer provider '"
                    + key.signerProvider() + "', but the service runs '" + context.signerProvider()
                    + "'; set signer.provider to sign with it");
        }
    }

    private static Requests.AccountKeyRequest parseOptional(String body) {
        if (body == null || body.isBlank()) {
            return new Requests.AccountKeyRequest(null, null, null);
        }
        try {
            return JsonMapper.MAPPER.readValue(body, Requests.AccountKeyRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not a JSON object with \"account-id\", \"name\""
                    + " and \"since\": " + e.getOriginalMessage(), e);
        }
    }

    private static int bits(Integer requested) {
        if (requested == null) {
            return DEFAULT_BITS;
        }
        if (requested < MIN_BITS || requested > MAX_BITS || requested % 8 != 0) {
            throw ApiException.badRequest("bits " + requested + " is invalid: give a multiple of 8 from " + MIN_BITS
                    + " to " + MAX_BITS + ", such as 4096");
        }
        return requested;
    }

    static Views.Key view(SigningKey key) {
        return new Views.Key(key.name(), key.keyId(), key.brandAccountId(), bits(key),
                Inputs.format(key.createdAt()), key.accountKey().isPresent());
    }

    private static Views.KeyDetails details(SigningKey key) {
        return new Views.KeyDetails(key.name(), key.keyId(), key.brandAccountId(), bits(key),
                Inputs.format(key.createdAt()), key.accountKey().isPresent(), key.publicKey(),
                key.accountKeyAssertion());
    }

    private static int bits(SigningKey key) {
        return AssertionPublicKey.decode(key.publicKey()).bitLength();
    }
}
