package dev.modelservice.assertions;

import java.time.Instant;
import java.util.Map;

/**
 * A {@code serial} assertion: binds a device's brand, model and serial number to its
 * device key. Signed by the brand, or by an authority that the model names in
 * {@code serial-authority}.
 */
public final class Serial {
    private final Assertion assertion;
    private final AssertionPublicKey deviceKey;
    private final Instant timestamp;

    private Serial(Assertion assertion, AssertionPublicKey deviceKey, Instant timestamp) {
        this.assertion = assertion;
        this.deviceKey = deviceKey;
        this.timestamp = timestamp;
    }

    /** Reads the typed view of a decoded {@code serial} assertion. */
    public static Serial of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.SERIAL);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static Serial parse(Assertion assertion) throws AssertionFormatException {
        Map<String, Object> headers = assertion.headers();
        HeaderChecks.matching(headers, "brand-id", TypedViews.ACCOUNT_ID);
        TypedViews.checkModelName(headers);
        String encodedKey = HeaderChecks.notEmptyString(headers, "device-key");
        AssertionPublicKey deviceKey = TypedViews.checkPublicKey(encodedKey, "the \"device-key\" header", headers,
                "device-key-sha3-384");
        Instant timestamp = HeaderChecks.rfc3339Date(headers, "timestamp");
        return new Serial(assertion, deviceKey, timestamp);
    }

    public Assertion assertion() {
        return assertion;
    }

    public String brandId() {
        return assertion.headerString("brand-id");
    }

    public String model() {
        return assertion.headerString("model");
    }

    public String serial() {
        return assertion.headerString("serial");
    }

    public AssertionPublicKey deviceKey() {
        return deviceKey;
    }

    public Instant timestamp() {
        return timestamp;
    }
}
