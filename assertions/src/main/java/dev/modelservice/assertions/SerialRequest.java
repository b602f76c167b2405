package dev.modelservice.assertions;

import java.util.Map;

/**
 * A {@code serial-request} assertion: what a device sends to obtain its serial, self-signed
 * by the device key it carries in {@code device-key}.
 */
public final class SerialRequest {
    private final Assertion assertion;
    private final AssertionPublicKey deviceKey;

    private SerialRequest(Assertion assertion, AssertionPublicKey deviceKey) {
        this.assertion = assertion;
        this.deviceKey = deviceKey;
    }

    /** Reads the typed view of a decoded {@code serial-request} assertion. */
    public static SerialRequest of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.SERIAL_REQUEST);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static SerialRequest parse(Assertion assertion) throws AssertionFormatException {
        Map<String, Object> headers = assertion.headers();
        HeaderChecks.notEmptyString(headers, "brand-id");
        TypedViews.checkModelName(headers);
        HeaderChecks.notEmptyString(headers, "request-id");
        HeaderChecks.optionalString(headers, "serial");

        String encodedKey = HeaderChecks.notEmptyString(headers, "device-key");
        AssertionPublicKey deviceKey = TypedViews.decodePublicKey(encodedKey, "the \"device-key\" header");
        if (!deviceKey.id().equals(assertion.signKeyId())) {
            throw new AssertionFormatException("the \"device-key\" header does not match the signing key: its id is "
                    + deviceKey.id() + " but \"sign-key-sha3-384\" is " + assertion.signKeyId());
        }
        return new SerialRequest(assertion, deviceKey);
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

    public String requestId() {
        return assertion.headerString("request-id");
    }

    /** Returns the serial number the device proposes, or null when it proposes none. */
    public String serial() {
        String serial = assertion.headerString("serial");
        return serial == null || serial.isEmpty() ? null : serial;
    }

    public AssertionPublicKey deviceKey() {
        return deviceKey;
    }
}
