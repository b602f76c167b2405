package dev.modelservice.server.admin;

import dev.modelservice.assertions.Account;
import dev.modelservice.assertions.AccountKey;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.store.SigningKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account-key assertions that the store signed, for the service's own signing keys and for
 * other keys of the brands it serves, and the brands' own account assertions. The service
 * checks that each assertion is well formed and for a key or brand of its own. It does not
 * hold the store's keys, so devices check the store's signature.
 */
@Path("/v1/account-keys")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountKeysResource {
    private static final Logger LOG = LoggerFactory.getLogger(AccountKeysResource.class);

    static final String IMPORTED = "imported";
    static final String UNCHANGED = "unchanged";
    static final String REJECTED = "rejected";

    private final AdminContext context;

    @Inject
    AccountKeysResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.AccountKey> list() {
        List<Views.AccountKey> views = new ArrayList<>();
        for (dev.modelservice.store.AccountKey stored : context.store().accountKeys().list()) {
            AccountKey accountKey = decodeStored(stored.assertion(), AccountKey::of);
            String signingKey = context.store().signingKeys().findByKeyId(stored.keyId())
                    .map(SigningKey::name).orElse(null);
            views.add(new Views.AccountKey(stored.keyId(), stored.accountId(), accountKey.name(),
                    Inputs.format(accountKey.validity().since()), Inputs.format(accountKey.validity().until()),
                    signingKey, Inputs.format(stored.importedAt())));
        }
        return views;
    }

    /**
     * Deletes an imported account-key, for example one imported by mistake, so that the right
     * one can be imported. The service's own signing key with that id loses it too.
     */
    @DELETE
    @Path("{keyId}")
    public Response delete(@PathParam("keyId") String keyId, @Context SecurityContext security) {
        boolean deleted = context.store().inTransaction(records -> {
            dev.modelservice.store.AccountKey stored = records.accountKeys().find(keyId).orElse(null);
            if (stored == null || !records.accountKeys().delete(keyId)) {
                return false;
            }
            if (records.signingKeys().findByKeyId(keyId).isPresent()) {
                records.signingKeys().setAccountKey(keyId, null);
            }
            records.auditLog().append(BearerTokenFilter.tokenName(security), "delete-account-key", keyId,
                    "account-id=" + stored.accountId());
            return true;
        });
        if (!deleted) {
            throw ApiException.notFound("account-key " + keyId + " not found; 'model-admin list account-keys' shows"
                    + " the imported ones");
        }
        return Response.noContent().build();
    }

    /** Imports a stream of account-key and account assertions and returns one result per assertion, in order. */
    @POST
    @Consumes(KeysResource.ASSERTION_MEDIA_TYPE)
    public Views.ImportResults importAll(InputStream body, @Context SecurityContext security) throws IOException {
        List<Assertion> assertions = decodeStream(body);
        String token = BearerTokenFilter.tokenName(security);
        List<Views.ImportResult> results = new ArrayList<>();
        for (Assertion assertion : assertions) {
            Views.ImportResult result = importOne(assertion, token);
            LOG.info("{} of account {}: {}, {}", result.publicKeySha3384() == null ? "Account assertion"
                    : "Account-key " + result.publicKeySha3384(), result.accountId(), result.outcome(), result.message());
            results.add(result);
        }
        return new Views.ImportResults(results);
    }

    private static List<Assertion> decodeStream(InputStream body) throws IOException {
        AssertionStreamDecoder decoder = new AssertionStreamDecoder(body);
        List<Assertion> assertions = new ArrayList<>();
        try {
            for (Assertion next = decoder.next(); next != null; next = decoder.next()) {
                assertions.add(next);
            }
        } catch (AssertionFormatException e) {
            throw ApiException.badRequest("assertion " + (assertions.size() + 1) + " of the request body cannot be"
                    + " decoded: " + e.getMessage() + "; send the account-key and account assertions as the store issued"
                    + " them");
        }
        if (assertions.isEmpty()) {
            throw ApiException.badRequest("the request body contains no assertion; send account-key or account"
                    + " assertions");
        }
        return assertions;
    }

    private Views.ImportResult importOne(Assertion assertion, String token) {
        String keyId = assertion.headerString("public-key-sha3-384");
        String accountId = assertion.headerString("account-id");
        if (assertion.type() == AssertionType.ACCOUNT) {
            return importAccount(assertion, token);
        }
        if (assertion.type() != AssertionType.ACCOUNT_KEY) {
            return new Views.ImportResult(keyId, accountId, null, REJECTED, "the assertion is a "
                    + assertion.type().name() + ", not an account-key or account; send only those two types");
        }
        AccountKey accountKey = view(assertion, AccountKey::of);
        String text = new String(assertion.encode(), StandardCharsets.UTF_8);
        Instant until = accountKey.validity().until();
        if (until != null && !until.isAfter(Instant.now())) {
            return result(accountKey, REJECTED, "the account-key expired at " + until + "; ask the store for a"
                    + " current one");
        }

        Optional<SigningKey> held = context.store().signingKeys().findByKeyId(accountKey.publicKeyId());
        if (held.isPresent()) {
            return importForSigningKey(accountKey, text, held.get(), token);
        }
        if (context.store().brandAccounts().find(accountKey.accountId()).isPresent()) {
            return importForBrand(accountKey, text, token);
        }
        return result(accountKey, REJECTED, "the account-key is for key " + accountKey.publicKeyId() + " of account '"
                + accountKey.accountId() + "', which is neither a signing key of this service nor a key of a brand it"
                + " serves; add the brand first, or leave this assertion out");
    }

    private Views.ImportResult importForSigningKey(AccountKey accountKey, String text, SigningKey key, String token) {
        if (!key.brandAccountId().equals(accountKey.accountId())) {
            return result(accountKey, REJECTED, "the account-key is for account '" + accountKey.accountId()
                    + "', but signing key '" + key.name() + "' signs for brand '" + key.brandAccountId()
                    + "'; register the key for its brand");
        }
        Optional<String> older = olderRevisionMessage(key.accountKeyAssertion(), accountKey);
        if (older.isPresent()) {
            return result(accountKey, REJECTED, older.get());
        }
        if (text.equals(key.accountKeyAssertion())) {
            return result(accountKey, UNCHANGED, "account-key for signing key '" + key.name() + "' is imported already");
        }
        context.store().inTransaction(records -> {
            records.signingKeys().setAccountKey(key.keyId(), text);
            records.accountKeys().put(key.keyId(), accountKey.accountId(), text);
            records.auditLog().append(token, "import-account-key", key.keyId(),
                    "account-id=" + accountKey.accountId() + ", signing key=" + key.name());
            return null;
        });
        return result(accountKey, IMPORTED, "account-key for signing key '" + key.name() + "' imported");
    }

    private Views.ImportResult importForBrand(AccountKey accountKey, String text, String token) {
        String previous = context.store().accountKeys().find(accountKey.publicKeyId())
                .map(dev.modelservice.store.AccountKey::assertion).orElse(null);
        Optional<String> older = olderRevisionMessage(previous, accountKey);
        if (older.isPresent()) {
            return result(accountKey, REJECTED, older.get());
        }
        if (text.equals(previous)) {
            return result(accountKey, UNCHANGED, "account-key " + accountKey.publicKeyId() + " of brand '"
                    + accountKey.accountId() + "' is imported already");
        }
        context.store().inTransaction(records -> {
            records.accountKeys().put(accountKey.publicKeyId(), accountKey.accountId(), text);
            records.auditLog().append(token, "import-account-key", accountKey.publicKeyId(),
                    "account-id=" + accountKey.accountId());
            return null;
        });
        return result(accountKey, IMPORTED, "account-key " + accountKey.publicKeyId() + " of brand '"
                + accountKey.accountId() + "' imported");
    }

    /**
     * Imports a brand's account assertion, which the device API sends with serials so that a
     * device without store access can check the account-key's prerequisite.
     */
    private Views.ImportResult importAccount(Assertion assertion, String token) {
        Account account = view(assertion, Account::of);
        if (context.store().brandAccounts().find(account.accountId()).isEmpty()) {
            return accountResult(account, REJECTED, "the account assertion is for account '" + account.accountId()
                    + "', which is not a brand this service serves; add the brand first, or leave this assertion out");
        }
        String text = new String(assertion.encode(), StandardCharsets.UTF_8);
        Optional<String> previous = context.store().brandAccounts().findAccountAssertion(account.accountId());
        if (previous.isPresent()) {
            int stored = decodeStored(previous.get(), Account::of).assertion().revision();
            if (assertion.revision() < stored) {
                return accountResult(account, REJECTED, "the account assertion has revision " + assertion.revision()
                        + ", older than the imported revision " + stored + "; send the newest revision");
            }
            if (text.equals(previous.get())) {
                return accountResult(account, UNCHANGED, "account assertion of brand '" + account.accountId()
                        + "' is imported already");
            }
        }

        context.store().inTransaction(records -> {
            records.brandAccounts().setAccountAssertion(account.accountId(), text);
            records.auditLog().append(token, "import-account", account.accountId(),
                    "revision=" + assertion.revision());
            return null;
        });
        return accountResult(account, IMPORTED, "account assertion of brand '" + account.accountId() + "' imported");
    }

    private static Views.ImportResult accountResult(Account account, String outcome, String message) {
        return new Views.ImportResult(null, account.accountId(), account.displayName(), outcome, message);
    }

    /** Returns a rejection message when the imported assertion has a lower revision than the stored one. */
    private static Optional<String> olderRevisionMessage(String storedText, AccountKey candidate) {
        if (storedText == null) {
            return Optional.empty();
        }
        int stored = decodeStored(storedText, AccountKey::of).assertion().revision();
        int offered = candidate.assertion().revision();
        if (offered >= stored) {
            return Optional.empty();
        }
        return Optional.of("the account-key has revision " + offered + ", older than the imported revision " + stored
                + "; send the newest revision");
    }

    private static Views.ImportResult result(AccountKey accountKey, String outcome, String message) {
        return new Views.ImportResult(accountKey.publicKeyId(), accountKey.accountId(), accountKey.name(), outcome,
                message);
    }

    /** A typed view's factory, such as {@code AccountKey::of}. */
    @FunctionalInterface
    private interface View<T> {
        T of(Assertion assertion) throws AssertionFormatException;
    }

    /** Returns the typed view of an assertion that decoded already, so a failure is the service's fault. */
    private static <T> T view(Assertion assertion, View<T> view) {
        try {
            return view.of(assertion);
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a decoded " + assertion.type().name() + " failed its own checks again", e);
        }
    }

    /** Decodes an assertion that the store accepted at import, so a failure is the service's fault. */
    private static <T> T decodeStored(String text, View<T> view) {
        try {
            return view(AssertionStreamDecoder.decodeAll(text.getBytes(StandardCharsets.UTF_8)).get(0), view);
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a stored assertion no longer decodes", e);
        }
    }
}
