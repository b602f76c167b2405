package dev.modelservice.assertions;

import java.util.Map;

/**
 * An {@code account-key-request} assertion: a key owner's request, self-signed by the key,
 * that the store certify the key for an account; the public key is the body.
 */
public final class AccountKeyRequest {
    private final Assertion assertion;
    private final KeyValidity validity;
    private final AssertionPublicKey publicKey;

    private AccountKeyRequest(Assertion assertion, KeyValidity validity, AssertionPublicKey publicKey) {
        this.assertion = assertion;
        this.validity = validity;
        this.publicKey = publicKey;
    }

    /** Reads the typed view of a decoded {@code account-key-request} assertion. */
    public static AccountKeyRequest of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.ACCOUNT_KEY_REQUEST);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static AccountKeyRequest parse(Assertion assertion) throws AssertionFormatException {
        Map<String, Object> headers = assertion.headers();
        HeaderChecks.notEmptyString(headers, "account-id");
        HeaderChecks.matching(headers, "name", TypedViews.ACCOUNT_KEY_NAME);
        KeyValidity validity = KeyValidity.check(headers);
        AssertionPublicKey publicKey = TypedViews.checkPublicKey(assertion.bodyText(), "the public key in the body",
                headers, "public-key-sha3-384");
        return new AccountKeyRequest(assertion, validity, publicKey);
    }

    public Assertion assertion() {
        return assertion;
    }

    public String accountId() {
        return assertion.headerString("account-id");
    }

    public String name() {
        return assertion.headerString("name");
    }

    /** Returns the requested key, which is also the key that must have signed the request. */
    public AssertionPublicKey publicKey() {
        return publicKey;
    }

    public KeyValidity validity() {
        return validity;
    }
}
