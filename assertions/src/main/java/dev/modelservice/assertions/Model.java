package dev.modelservice.assertions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code model} assertion: a brand's definition of a device model, in the series-16 style
 * ({@code kernel}, {@code gadget}, {@code required-snaps}) or the extended style (a
 * {@code snaps} list with a {@code grade}). Signed by the brand.
 */
public final class Model {
    private final Assertion assertion;
    private final boolean classic;
    private final List<String> serialAuthority;
    private final Instant timestamp;

    private Model(Assertion assertion, boolean classic, List<String> serialAuthority, Instant timestamp) {
        this.assertion = assertion;
        this.classic = classic;
        this.serialAuthority = serialAuthority;
        this.timestamp = timestamp;
    }

    /** Reads the typed view of a decoded {@code model} assertion. */
    public static Model of(Assertion assertion) throws AssertionFormatException {
        TypedViews.requireType(assertion, AssertionType.MODEL);
        return parse(assertion);
    }

    static void check(Assertion assertion) throws AssertionFormatException {
        parse(assertion);
    }

    private static Model parse(Assertion assertion) throws AssertionFormatException {
        Map<String, Object> headers = assertion.headers();
        checkAuthorityIsBrand(assertion);
        TypedViews.checkModelName(headers);
        boolean classic = HeaderChecks.optionalBool(headers, "classic");

        String brandId = assertion.headerString("brand-id");
        List<String> serialAuthority = serialAuthority(headers, brandId);
        Instant timestamp = HeaderChecks.rfc3339Date(headers, "timestamp");
        return new Model(assertion, classic, serialAuthority, timestamp);
    }

    private static void checkAuthorityIsBrand(Assertion assertion) throws AssertionFormatException {
        String authorityId = assertion.authorityId();
        String brandId = assertion.headerString("brand-id");
        if (!authorityId.equals(brandId)) {
            throw new AssertionFormatException("authority-id and brand-id must match, model assertions are signed by"
                    + " the brand: " + HeaderText.quote(authorityId) + " != " + HeaderText.quote(brandId));
        }
    }

    /** Returns the accounts allowed to sign serials for the model: the brand, then those listed. */
    private static List<String> serialAuthority(Map<String, Object> headers, String brandId)
            throws AssertionFormatException {
        List<String> authorities = new ArrayList<>(List.of(brandId));
        if (!headers.containsKey("serial-authority")) {
            return List.copyOf(authorities);
        }
        List<String> listed;
        try {
            listed = HeaderChecks.stringList(headers, "serial-authority", TypedViews.ACCOUNT_ID);
        } catch (AssertionFormatException e) {
            throw new AssertionFormatException("\"serial-authority\" header must be a list of account ids");
        }
        if (listed.contains(brandId)) {
            return listed;
        }
        authorities.addAll(listed);
        return List.copyOf(authorities);
    }

    public Assertion assertion() {
        return assertion;
    }

    public String series() {
        return assertion.headerString("series");
    }

    public String brandId() {
        return assertion.headerString("brand-id");
    }

    public String model() {
        return assertion.headerString("model");
    }

    public boolean classic() {
        return classic;
    }

    /** Returns the accounts whose keys may sign serials for this model; the brand is always one. */
    public List<String> serialAuthority() {
        return serialAuthority;
    }

    public Instant timestamp() {
        return timestamp;
    }
}
