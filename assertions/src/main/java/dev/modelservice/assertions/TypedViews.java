package dev.modelservice.assertions;

import java.util.regex.Pattern;

/** Checks and patterns that several typed views share. */
final class TypedViews {
    /** Account ids: 32 alphanumerics as the store assigns them, or 2 to 28 lowercase letters, digits and dashes. */
    static final Pattern ACCOUNT_ID = Pattern.compile("^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28})$");
    static final Pattern ACCOUNT_KEY_NAME = Pattern.compile("^(?:[a-z0-9]+-?)*[a-z](?:-?[a-z0-9])*$");
    static final Pattern MODEL_NAME = Pattern.compile("^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$");

    private TypedViews() {
    }

    static void requireType(Assertion assertion, AssertionType expected) {
        if (assertion.type() != expected) {
            throw new IllegalArgumentException("expected a " + expected.name() + " assertion, got "
                    + assertion.type().name());
        }
    }

    /** Checks the {@code model} header: snapd's model name pattern, all lowercase. */
    static String checkModelName(java.util.Map<String, Object> headers) throws AssertionFormatException {
        String model = HeaderChecks.matching(headers, "model", MODEL_NAME);
        if (!model.toLowerCase(java.util.Locale.ROOT).equals(model)) {
            throw new AssertionFormatException("\"model\" header cannot contain uppercase letters");
        }
        return model;
    }

    /**
     * Decodes a public key held in a header or body, and checks that it has the key id that
     * {@code idHeader} states.
     */
    static AssertionPublicKey checkPublicKey(String encoded, String what, java.util.Map<String, Object> headers,
            String idHeader) throws AssertionFormatException {
        AssertionPublicKey key = decodePublicKey(encoded, what);
        String id = HeaderChecks.notEmptyString(headers, idHeader);
        if (!id.equals(key.id())) {
            throw new AssertionFormatException(what + " does not match the key id in the " + HeaderText.quote(idHeader)
                    + " header: " + id + " stated, " + key.id() + " computed");
        }
        return key;
    }

    static AssertionPublicKey decodePublicKey(String encoded, String what) throws AssertionFormatException {
        try {
            return AssertionPublicKey.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new AssertionFormatException(what + ": " + e.getMessage());
        }
    }
}
