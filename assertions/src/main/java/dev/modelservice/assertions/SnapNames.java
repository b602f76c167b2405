package dev.modelservice.assertions;

import java.util.Map;
import java.util.regex.Pattern;

/** Snap name and snap id rules of snapd 2.57.6's {@code snap/naming} package. */
final class SnapNames {
    /** snapd's {@code naming.ValidSnapID}: 32 ASCII letters and digits, as the store assigns them. */
    static final Pattern SNAP_ID = Pattern.compile("^[a-z0-9A-Z]{32}$");

    /**
     * Lowercase letters, digits and dashes with at least one letter. snapd checks the dash rules
     * apart, so that the pattern has no nested quantifiers.
     */
    private static final Pattern ALMOST_VALID_NAME = Pattern.compile("^[a-z0-9-]*[a-z][a-z0-9-]*$");

    private static final int MIN_NAME_LENGTH = 2;
    private static final int MAX_NAME_LENGTH = 40;

    /**
     * Snap ids of the snaps that snapd's {@code naming.WellKnownSnapID} names in the production
     * store. snapd switches to staging store ids when {@code SNAPPY_USE_STAGING_STORE=1}, which
     * devices in the field do not set.
     */
    private static final Map<String, String> WELL_KNOWN_SNAP_IDS = Map.of(
            "core", "99T7MUlRhtI3U0QFgl5mXXESAiSwt776",
            "snapd", "PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4",
            "core18", "CSO04Jhav2yK0uz97cr0ipQRyqg0qQL6",
            "core20", "DLqre5XGLbDqg9jPtiAhRRjDuPVa5X1q",
            "core22", "amcUKQILKXHHTlmSa7NMdnXSx02dNeeT");

    private SnapNames() {
    }

    /**
     * Tells whether {@code name} is a valid snap name (snapd's {@code naming.ValidateSnap}): 2 to
     * 40 lowercase letters, digits and single dashes, with at least one letter, neither
     * starting nor ending with a dash.
     */
    static boolean isValidSnapName(String name) {
        if (name.length() < MIN_NAME_LENGTH || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        if (!ALMOST_VALID_NAME.matcher(name).matches()) {
            return false;
        }
        return !name.startsWith("-") && !name.endsWith("-") && !name.contains("--");
    }

    /** Returns the production store's snap id of a well-known snap (snapd, core, core18 to core22), or null. */
    static String wellKnownSnapId(String name) {
        return WELL_KNOWN_SNAP_IDS.get(name);
    }
}
