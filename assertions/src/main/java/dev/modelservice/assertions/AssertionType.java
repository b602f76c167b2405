package dev.modelservice.assertions;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An assertion type of snapd 2.57's type registry, with its primary key headers, whether it is
 * signed without an authority, and the highest format that snapd supports for it
 * (in snapd's {@code asserts/asserts.go}).
 */
public final class AssertionType {
    /** Extra checks that one type adds to the common ones when it is decoded. */
    @FunctionalInterface
    interface Rules {
        void check(Assertion assertion) throws AssertionFormatException;
    }

    private static final Rules NO_EXTRA_RULES = assertion -> { };

    public static final AssertionType ACCOUNT = withAuthority("account", List.of("account-id"), Account::check);
    public static final AssertionType ACCOUNT_KEY =
            withAuthority("account-key", List.of("public-key-sha3-384"), AccountKey::check);
    public static final AssertionType MODEL = withAuthority("model", List.of("series", "brand-id", "model"), Model::check);
    public static final AssertionType SERIAL = withAuthority("serial", List.of("brand-id", "model", "serial"), Serial::check);
    public static final AssertionType SERIAL_REQUEST = withoutAuthority("serial-request", List.of(), SerialRequest::check);
    public static final AssertionType ACCOUNT_KEY_REQUEST =
            withoutAuthority("account-key-request", List.of("public-key-sha3-384"), AccountKeyRequest::check);

    // TODO: the types below decode with the common checks only; snapd adds checks of
    // their own headers (system-user's email and password, snap-declaration's rules).
    public static final AssertionType DEVICE_SESSION_REQUEST =
            withoutAuthority("device-session-request", List.of("brand-id", "model", "serial"), NO_EXTRA_RULES);
    public static final AssertionType REPAIR = withAuthority("repair", List.of("brand-id", "repair-id"), NO_EXTRA_RULES);
    public static final AssertionType BASE_DECLARATION = withAuthority("base-declaration", List.of("series"), NO_EXTRA_RULES);
    public static final AssertionType SNAP_DECLARATION =
            new AssertionType("snap-declaration", List.of("series", "snap-id"), Map.of(), false, 5, NO_EXTRA_RULES);
    public static final AssertionType SNAP_BUILD = withAuthority("snap-build", List.of("snap-sha3-384"), NO_EXTRA_RULES);
    public static final AssertionType SNAP_REVISION = new AssertionType("snap-revision",
            List.of("snap-sha3-384", "provenance"), Map.of("provenance", "global-upload"), false, 0, NO_EXTRA_RULES);
    public static final AssertionType SNAP_DEVELOPER =
            withAuthority("snap-developer", List.of("snap-id", "publisher-id"), NO_EXTRA_RULES);
    public static final AssertionType SYSTEM_USER =
            new AssertionType("system-user", List.of("brand-id", "email"), Map.of(), false, 1, NO_EXTRA_RULES);
    public static final AssertionType VALIDATION = withAuthority("validation",
            List.of("series", "snap-id", "approved-snap-id", "approved-snap-revision"), NO_EXTRA_RULES);
    public static final AssertionType VALIDATION_SET =
            withAuthority("validation-set", List.of("series", "account-id", "name", "sequence"), NO_EXTRA_RULES);
    public static final AssertionType STORE = withAuthority("store", List.of("store"), NO_EXTRA_RULES);
    public static final AssertionType PRESEED =
            withAuthority("preseed", List.of("series", "brand-id", "model", "system-label"), NO_EXTRA_RULES);

    private static final Map<String, AssertionType> REGISTRY = registry(ACCOUNT, ACCOUNT_KEY, MODEL, SERIAL,
            SERIAL_REQUEST, ACCOUNT_KEY_REQUEST, DEVICE_SESSION_REQUEST, REPAIR, BASE_DECLARATION, SNAP_DECLARATION,
            SNAP_BUILD, SNAP_REVISION, SNAP_DEVELOPER, SYSTEM_USER, VALIDATION, VALIDATION_SET, STORE, PRESEED);

    private final String name;
    private final List<String> primaryKey;
    private final Map<String, String> optionalPrimaryKeyDefaults;
    private final boolean withoutAuthority;
    private final int maxSupportedFormat;
    private final Rules rules;

    private AssertionType(String name, List<String> primaryKey, Map<String, String> optionalPrimaryKeyDefaults,
            boolean withoutAuthority, int maxSupportedFormat, Rules rules) {
        this.name = name;
        this.primaryKey = primaryKey;
        this.optionalPrimaryKeyDefaults = optionalPrimaryKeyDefaults;
        this.withoutAuthority = withoutAuthority;
        this.maxSupportedFormat = maxSupportedFormat;
        this.rules = rules;
    }

    private static AssertionType withAuthority(String name, List<String> primaryKey, Rules rules) {
        return new AssertionType(name, primaryKey, Map.of(), false, 0, rules);
    }

    private static AssertionType withoutAuthority(String name, List<String> primaryKey, Rules rules) {
        return new AssertionType(name, primaryKey, Map.of(), true, 0, rules);
    }

    private static Map<String, AssertionType> registry(AssertionType... types) {
        Map<String, AssertionType> byName = new LinkedHashMap<>();
        for (AssertionType type : types) {
            byName.put(type.name, type);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Finds a type by its name, as written in the {@code type} header. */
    public static Optional<AssertionType> byName(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    public static Collection<AssertionType> all() {
        return REGISTRY.values();
    }

    public String name() {
        return name;
    }

    /** Primary key headers in the order snapd writes them, right after {@code revision}. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    Map<String, String> optionalPrimaryKeyDefaults() {
        return optionalPrimaryKeyDefaults;
    }

    /** Returns whether assertions of this type are self-signed and carry no {@code authority-id}. */
    public boolean withoutAuthority() {
        return withoutAuthority;
    }

    public int maxSupportedFormat() {
        return maxSupportedFormat;
    }

    Rules rules() {
        return rules;
    }

    @Override
    public String toString() {
        return name;
    }
}
