package dev.modelservice.assertions;

import java.util.Map;

/**
 * An {@code account-key} assertion: the store's statement that a public key, named by its
 * SHA3-384 key id, belongs to an account during a validity period.
 */
public final class AccountKey {
    private final Assertion assertion;
    private final KeyValidity validity;
    private final AssertionPublicKey publicKey;

    private AccountKey(Assertion assertion, KeyValidity validity, AssertionPublicKey publicKey) {
        this.assertion = assertion;
        this.validity = validity;
        this.publicKey = publicKey;
    }

    /** Reads the typed view of a decoded {@code account-key} assertion. */
    public static AccountKey of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.ACCOUNT_KEY);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static AccountKey parse(Assertion assertion) throws AssertionFormatException {
        Map<String, Object> headers = assertion.headers();
        HeaderChecks.notEmptyString(headers, "account-id");
        if (headers.containsKey("name")) {
            HeaderChecks.matching(headers, "name", TypedViews.ACCOUNT_KEY_NAME);
        }
        KeyValidity validity = KeyValidity.check(headers);
        AssertionPublicKey publicKey = TypedViews.checkPublicKey(assertion.bodyText(), "the public key in the body",
                headers, "public-key-sha3-384");
        return new AccountKey(assertion, validity, publicKey);
    }

    public Assertion assertion() {
        return assertion;
    }

    public String accountId() {
        return assertion.headerString("account-id");
    }

    /** Returns the key's name, or null when the assertion has none. */
    public String name() {
        return assertion.headerString("name");
    }

    public String publicKeyId() {
        return publicKey.id();
    }

    public AssertionPublicKey publicKey() {
        return publicKey;
    }

    public KeyValidity validity() {
        return validity;
    }
}
