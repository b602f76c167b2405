package dev.modelservice.assertions;

/**
 * Checks an assertion's signature against a given public key, as snapd's
 * {@code asserts.SignatureCheck} does; for a chain of trust use {@link AssertionDatabase}.
 */
public final class AssertionVerifier {
    private AssertionVerifier() {
    }

    /**
     * Checks that {@code key} signed the assertion's content.
     *
     * @throws AssertionVerificationException when the signature cannot be decoded or does not verify
     */
    public static void verifySignature(Assertion assertion, AssertionPublicKey key)
            throws AssertionVerificationException {
        AssertionSignature.parse(assertion.signatureText()).verify(assertion.signedContent(), key);
    }

    /**
     * Checks a self-signed assertion against the key it carries: a serial-request against its
     * {@code device-key}, an account-key-request against the key in its body.
     */
    public static void verifySelfSigned(Assertion assertion)
            throws AssertionFormatException, AssertionVerificationException {
        verifySignature(assertion, selfSigningKey(assertion));
    }

    static AssertionPublicKey selfSigningKey(Assertion assertion)
            throws AssertionFormatException, AssertionVerificationException {
        if (assertion.type() == AssertionType.SERIAL_REQUEST) {
            return SerialRequest.of(assertion).deviceKey();
        }
        if (assertion.type() == AssertionType.ACCOUNT_KEY_REQUEST) {
            return AccountKeyRequest.of(assertion).publicKey();
        }
        throw new AssertionVerificationException("cannot check a " + assertion.type().name()
                + " assertion against its own key: only serial-request and account-key-request are self-signed"
                + " with a key they carry");
    }
}
