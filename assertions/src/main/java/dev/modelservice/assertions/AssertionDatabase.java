package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory assertion database that checks assertions as a device does, following
 * snapd's {@code asserts/database.go}: trusted assertions are the root of trust, like the
 * Canonical root compiled into snapd; other assertions are added only once they check.
 *
 * <p>A check finds the signing key's {@code account-key} by the {@code sign-key-sha3-384}
 * header, then applies snapd's default checkers in order: the key is valid at the check
 * time, the signature verifies, the assertion's {@code timestamp} (for types that have one)
 * falls within the key's validity, and the assertion is consistent with what the database
 * holds. Not thread-safe.
 */
public final class AssertionDatabase {
    /** Types whose {@code timestamp} must fall within the signing key's validity (snapd's timestamped types). */
    private static final Set<AssertionType> TIMESTAMPED = Set.of(AssertionType.ACCOUNT, AssertionType.MODEL,
            AssertionType.PRESEED, AssertionType.REPAIR, AssertionType.SERIAL, AssertionType.DEVICE_SESSION_REQUEST,
            AssertionType.SNAP_DECLARATION, AssertionType.SNAP_BUILD, AssertionType.SNAP_REVISION,
            AssertionType.VALIDATION, AssertionType.BASE_DECLARATION, AssertionType.STORE,
            AssertionType.VALIDATION_SET);

    private final Map<String, Assertion> trusted = new LinkedHashMap<>();
    private final Map<String, Assertion> added = new LinkedHashMap<>();

    /**
     * Opens a database whose root of trust is {@code trustedAssertions}, typically an
     * {@code account} and its self-signed {@code account-key}. They are taken as they are.
     */
    public AssertionDatabase(Collection<Assertion> trustedAssertions) {
        for (Assertion assertion : trustedAssertions) {
            trusted.put(uniqueKey(assertion), assertion);
        }
    }

    /**
     * Checks an assertion at {@code now} and stores it.
     *
     * @throws AssertionVerificationException when the check fails, or the assertion clashes with
     *     a trusted one or is not newer than the revision held
     */
    public void add(Assertion assertion, Instant now) throws AssertionVerificationException {
        String key = uniqueKey(assertion);
        Assertion trustedOne = trusted.get(key);
        if (trustedOne != null) {
            if (Arrays.equals(trustedOne.encode(), assertion.encode())) {
                return;
            }
            throw new AssertionVerificationException("cannot add " + assertion.reference()
                    + ": its primary key clashes with a trusted assertion");
        }

        check(assertion, now);

        Assertion current = added.get(key);
        if (current != null && current.revision() >= assertion.revision()) {
            if (Arrays.equals(current.encode(), assertion.encode())) {
                return;
            }
            throw new AssertionVerificationException("cannot add " + assertion.reference() + " at revision "
                    + assertion.revision() + ": revision " + current.revision() + " is already held");
        }
        added.put(key, assertion);
    }

    /**
     * Adds assertions in any order, as snapd adds a batch: each pass adds those whose
     * prerequisites are already in, until all are in or a pass adds none.
     *
     * @throws AssertionVerificationException for the first assertion of the last pass that
     *     could not be added, naming it
     */
    public void addAll(Collection<Assertion> assertions, Instant now) throws AssertionVerificationException {
        List<Assertion> pending = newestOfEach(assertions);
        while (!pending.isEmpty()) {
            List<Assertion> failed = new ArrayList<>();
            AssertionVerificationException firstFailure = null;
            for (Assertion assertion : pending) {
                try {
                    add(assertion, now);
                } catch (AssertionVerificationException e) {
                    failed.add(assertion);
                    if (firstFailure == null) {
                        firstFailure = e.getMessage().startsWith("cannot add") ? e
                                : new AssertionVerificationException(assertion.reference() + ": " + e.getMessage(), e);
                    }
                }
            }
            if (failed.size() == pending.size()) {
                throw firstFailure;
            }
            pending = failed;
        }
    }

    /**
     * Keeps one assertion per type and primary key, as snapd's batches do: the highest
     * revision, and of equal revisions the first.
     */
    private static List<Assertion> newestOfEach(Collection<Assertion> assertions) {
        Map<String, Assertion> newest = new LinkedHashMap<>();
        for (Assertion assertion : assertions) {
            newest.merge(uniqueKey(assertion), assertion,
                    (kept, candidate) -> candidate.revision() > kept.revision() ? candidate : kept);
        }
        return new ArrayList<>(newest.values());
    }

    /**
     * Checks an assertion at {@code now} without storing it.
     *
     * @throws AssertionVerificationException naming the check that failed
     */
    public void check(Assertion assertion, Instant now) throws AssertionVerificationException {
        if (!assertion.supportedFormat()) {
            throw new AssertionVerificationException(assertion.reference() + " has format " + assertion.format()
                    + " but " + assertion.type().maxSupportedFormat() + " is the latest supported");
        }

        if (assertion.type().withoutAuthority()) {
            checkSelfSigned(assertion);
            return;
        }

        AccountKey signingKey = findSigningKey(assertion);
        checkSigningKeyIsValidNow(assertion, signingKey, now);
        AssertionVerifier.verifySignature(assertion, signingKey.publicKey());
        checkTimestampWithinKeyValidity(assertion, signingKey);
        checkConsistency(assertion);
    }

    /** Finds an assertion by type and primary key, among the trusted ones first. */
    public Optional<Assertion> find(AssertionType type, List<String> primaryKey) {
        String key = type.name() + "/" + String.join("/", primaryKey);
        Assertion found = trusted.get(key);
        return Optional.ofNullable(found != null ? found : added.get(key));
    }

    public boolean isTrustedAccount(String accountId) {
        return accountId != null && trusted.containsKey("account/" + accountId);
    }

    private void checkSelfSigned(Assertion assertion) throws AssertionVerificationException {
        try {
            AssertionVerifier.verifySelfSigned(assertion);
        } catch (AssertionFormatException e) {
            throw new AssertionVerificationException(e.getMessage(), e);
        }
        if (assertion.type() == AssertionType.ACCOUNT_KEY_REQUEST) {
            String accountId = assertion.headerString("account-id");
            requireAccount(accountId, "account-key-request assertion for " + quote(accountId));
        }
    }

    private AccountKey findSigningKey(Assertion assertion) throws AssertionVerificationException {
        String keyId = assertion.signKeyId();
        Optional<Assertion> found = find(AssertionType.ACCOUNT_KEY, List.of(keyId));
        if (found.isEmpty()) {
            throw new AssertionVerificationException("no matching public key " + quote(keyId) + " for signature by "
                    + quote(assertion.authorityId()) + ": add its account-key assertion to the known assertions");
        }
        AccountKey signingKey = typed(found.get());
        if (!signingKey.accountId().equals(assertion.authorityId())) {
            throw new AssertionVerificationException("found public key " + quote(keyId) + " from "
                    + quote(signingKey.accountId()) + " but expected it from " + quote(assertion.authorityId()));
        }
        return signingKey;
    }

    private static void checkSigningKeyIsValidNow(Assertion assertion, AccountKey signingKey, Instant now)
            throws AssertionVerificationException {
        if (!signingKey.validity().isValidAt(now)) {
            throw new AssertionVerificationException("assertion is signed with expired public key "
                    + quote(assertion.signKeyId()) + " from " + quote(assertion.authorityId()) + ": current time is "
                    + now + " but the key is valid during " + signingKey.validity());
        }
    }

    private static void checkTimestampWithinKeyValidity(Assertion assertion, AccountKey signingKey)
            throws AssertionVerificationException {
        if (!TIMESTAMPED.contains(assertion.type())) {
            return;
        }
        Instant timestamp;
        try {
            timestamp = HeaderChecks.rfc3339Date(assertion.headers(), "timestamp");
        } catch (AssertionFormatException e) {
            throw new AssertionVerificationException(assertion.reference() + ": " + e.getMessage(), e);
        }
        if (!signingKey.validity().isValidAt(timestamp)) {
            throw new AssertionVerificationException(assertion.type().name() + " assertion timestamp " + timestamp
                    + " is outside of the signing key's validity " + signingKey.validity());
        }
    }

    private void checkConsistency(Assertion assertion) throws AssertionVerificationException {
        AssertionType type = assertion.type();
        if (type == AssertionType.ACCOUNT) {
            requireTrustedAuthority(assertion, "account assertion for " + quote(assertion.headerString("account-id")));
        } else if (type == AssertionType.ACCOUNT_KEY) {
            checkAccountKeyConsistency(typed(assertion));
        } else if (type == AssertionType.SERIAL) {
            checkSerialAuthority(assertion);
        }
    }

    private void checkAccountKeyConsistency(AccountKey accountKey) throws AssertionVerificationException {
        String what = "account-key assertion for " + quote(accountKey.accountId());
        requireTrustedAuthority(accountKey.assertion(), what);
        requireAccount(accountKey.accountId(), what);

        if (accountKey.name() == null) {
            return;
        }
        for (Assertion other : allOf(AssertionType.ACCOUNT_KEY)) {
            AccountKey existing = typed(other);
            if (existing.accountId().equals(accountKey.accountId()) && accountKey.name().equals(existing.name())
                    && !existing.publicKeyId().equals(accountKey.publicKeyId())) {
                throw new AssertionVerificationException(what + " with id " + quote(accountKey.publicKeyId())
                        + " has the same name " + quote(accountKey.name()) + " as existing id "
                        + quote(existing.publicKeyId()));
            }
        }
    }

    /** Checks that a serial signed by another account than its brand has a model naming that account. */
    private void checkSerialAuthority(Assertion serial) throws AssertionVerificationException {
        String brandId = serial.headerString("brand-id");
        if (serial.authorityId().equals(brandId)) {
            return;
        }
        Optional<Assertion> model = find(AssertionType.MODEL, List.of("16", brandId, serial.headerString("model")));
        boolean allowed = false;
        if (model.isPresent()) {
            try {
                allowed = Model.of(model.get()).serialAuthority().contains(serial.authorityId());
            } catch (AssertionFormatException e) {
                throw new IllegalStateException("a stored model passed decoding", e);
            }
        }
        if (!allowed) {
            throw new AssertionVerificationException("serial with authority " + quote(serial.authorityId())
                    + " different from brand " + quote(brandId)
                    + " needs a known model assertion whose serial-authority lists that authority");
        }
    }

    private void requireTrustedAuthority(Assertion assertion, String what) throws AssertionVerificationException {
        if (!isTrustedAccount(assertion.authorityId())) {
            throw new AssertionVerificationException(what + " is not signed by a directly trusted authority: "
                    + assertion.authorityId());
        }
    }

    private void requireAccount(String accountId, String what) throws AssertionVerificationException {
        if (find(AssertionType.ACCOUNT, List.of(accountId)).isEmpty()) {
            throw new AssertionVerificationException(what + " does not have a matching account assertion");
        }
    }

    private List<Assertion> allOf(AssertionType type) {
        List<Assertion> found = new ArrayList<>();
        for (Assertion assertion : trusted.values()) {
            if (assertion.type() == type) {
                found.add(assertion);
            }
        }
        for (Assertion assertion : added.values()) {
            if (assertion.type() == type) {
                found.add(assertion);
            }
        }
        return found;
    }

    private static AccountKey typed(Assertion accountKey) {
        try {
            return AccountKey.of(accountKey);
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a stored account-key passed decoding", e);
        }
    }

    private static String uniqueKey(Assertion assertion) {
        return assertion.type().name() + "/" + String.join("/", assertion.primaryKey());
    }
}
