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
     * Generates the key pair on the HSM and records it. The request stays open until the HSM
     * is done, which takes minutes on some HSMs.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Requests.CreateKey body, @Context SecurityContext security) throws SignerException {
        Requests.CreateKey request = Inputs.body(body, "\"name\" and optionally \"bits\" and \"brand\"");
        String name = Inputs.keyName(request.name());
        int bits = bits(request.bits());
        BrandAccount brand = context.brand(request.brand());
        if (context.store().signingKeys().findByName(name).isPresent()) {
            throw ApiException.conflict("signing key name '" + name + "' is taken; choose another name");
        }

        LOG.info("Generating RSA-{} signing key '{}' for brand {} on the HSM", bits, name, brand.accountId());
        dev.modelservice.signer.SigningKey generated = context.signer().generateKey(name, bits);
        AssertionPublicKey publicKey = AssertionPublicKey.of(generated.publicKey());
        NewSigningKey record = new NewSigningKey(name, publicKey.id(), brand.accountId(), context.signerProvider(),
                generated.handle().value(), publicKey.encode());

        SigningKey created;
        try {
            created = context.store().inTransaction(records -> {
                SigningKey key = records.signingKeys().create(record);
                records.auditLog().append(BearerTokenFilter.tokenName(security), "create-key", name,
                        "sha3-384=" + key.keyId() + ", bits=" + bits + ", brand=" + brand.accountId());
                return key;
            });
        } catch (RuntimeException e) {
            LOG.error("Signing key '{}' was generated on the HSM with handle {} but not recorded; it stays unused in"
                    + " the token: {}", name, generated.handle(), e.getMessage());
            throw e;
        }
        LOG.info("Signing key '{}' created: {}", name, created.keyId());
        return Response.status(Response.Status.CREATED).entity(details(created)).build();
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
