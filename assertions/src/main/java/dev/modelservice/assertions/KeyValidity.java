package dev.modelservice.assertions;

import java.time.Instant;
import java.util.Map;

/**
 * The validity of a key: valid from {@code since}, inclusive, until {@code until},
 * exclusive, or without end when {@code until} is absent (null).
 */
public record KeyValidity(Instant since, Instant until) {

    static KeyValidity check(Map<String, Object> headers) throws AssertionFormatException {
        Instant since = HeaderChecks.rfc3339Date(headers, "since");
        Instant until = HeaderChecks.rfc3339DateWithDefault(headers, "until", null);
        if (until != null && until.isBefore(since)) {
            throw new AssertionFormatException("'until' time cannot be before 'since' time");
        }
        return new KeyValidity(since, until);
    }

    public boolean isValidAt(Instant when) {
        return !when.isBefore(since) && (until == null || when.isBefore(until));
    }

    @Override
    public String toString() {
        return until == null ? "[" + since + ", no end)" : "[" + since + ", " + until + ")";
    }
}
