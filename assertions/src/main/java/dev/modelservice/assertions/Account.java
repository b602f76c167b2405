package dev.modelservice.assertions;

import java.time.Instant;

/** An {@code account} assertion: a store account, such as a brand, with its validation level. */
public final class Account {
    private final Assertion assertion;
    private final String validation;
    private final Instant timestamp;

    private Account(Assertion assertion, String validation, Instant timestamp) {
        this.assertion = assertion;
        this.validation = validation;
        this.timestamp = timestamp;
    }

    /** Reads the typed view of a decoded {@code account} assertion. */
    public static Account of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.ACCOUNT);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static Account parse(Assertion assertion) throws AssertionFormatException {
        var headers = assertion.headers();
        HeaderChecks.notEmptyString(headers, "display-name");
        String validation = HeaderChecks.notEmptyString(headers, "validation");
        Instant timestamp = HeaderChecks.rfc3339Date(headers, "timestamp");
        HeaderChecks.optionalString(headers, "username");

        // snapd reads the old level "certified" as "verified".
        return new Account(assertion, validation.equals("certified") ? "verified" : validation, timestamp);
    }

    public Assertion assertion() {
        return assertion;
    }

    public String accountId() {
        return assertion.headerString("account-id");
    }

    public String displayName() {
        return assertion.headerString("display-name");
    }

    /** Returns the validation level: "unproven", "starred" or "verified". */
    public String validation() {
        return validation;
    }

    public Instant timestamp() {
        return timestamp;
    }
}
