package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code model} assertion: a brand's definition of a device model, in the series-16 style
 * ({@code kernel}, {@code gadget}, {@code required-snaps}) or the extended style (a
 * {@code snaps} list with a {@code grade}). Signed by the brand.
 *
 * <p>Decoding applies every check of snapd 2.57.6's {@code assembleModel}
 * ({@code asserts/model.go}), in the same order, so a model that snapd rejects is rejected
 * here with the first error snapd would find.
 */
public final class Model {
    /**
     * Security grade of an extended model, which sets how strictly a device checks its seed
     * snaps. UNSET in the series-16 style.
     */
    public enum Grade {
        UNSET("unset"),
        /** Allows snaps that are not in the store and snaps that the model does not list. */
        DANGEROUS("dangerous"),
        /** Every seed snap is signed by the store and listed by the model. */
        SIGNED("signed"),
        /** Signed, and full disk encryption and secure boot are mandatory. */
        SECURED("secured");

        private final String wireName;

        Grade(String wireName) {
            this.wireName = wireName;
        }

        /** Returns the value as written in the {@code grade} header. */
        public String wireName() {
            return wireName;
        }
    }

    /** Disk encryption that an extended model requests. UNSET in the series-16 style. */
    public enum StorageSafety {
        UNSET("unset"),
        /** Full disk encryption is mandatory. */
        ENCRYPTED("encrypted"),
        /** Full disk encryption wherever the device supports it. */
        PREFER_ENCRYPTED("prefer-encrypted"),
        /** No full disk encryption by default, even where the device supports it. */
        PREFER_UNENCRYPTED("prefer-unencrypted");

        private final String wireName;

        StorageSafety(String wireName) {
            this.wireName = wireName;
        }

        /** Returns the value as written in the {@code storage-safety} header. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One snap of the model (snapd's {@code ModelSnap}).
     *
     * @param name the snap name
     * @param id the store's snap id, or null when the model gives none: in the series-16 style, and
     *     in a grade dangerous model for local snaps and for a boot base that is not well known
     * @param type app, base, gadget, kernel, core or snapd, or null for a series-16 style
     *     {@code required-snaps} entry, whose type the model does not state
     * @param modes the system modes in which the snap is available: run and ephemeral for essential snaps
     * @param defaultChannel the channel the snap first tracks, such as {@code 22/stable}, or null
     *     in the series-16 style
     * @param pinnedTrack the track after {@code =} in a series-16 style {@code gadget} or
     *     {@code kernel} header, or null
     * @param presence required or optional
     */
    public record Snap(String name, String id, String type, List<String> modes, String defaultChannel,
            String pinnedTrack, String presence) {
        public Snap {
            modes = List.copyOf(modes);
        }

        /** Tells whether the snap must be installed at all times. */
        public boolean required() {
            return ModelSnaps.REQUIRED.equals(presence);
        }

        Snap withModesAndPresence(List<String> newModes, String newPresence) {
            return new Snap(name, id, type, newModes, defaultChannel, pinnedTrack, newPresence);
        }
    }

    private static final List<String> SERIES_16_MANDATORY = List.of("architecture", "gadget", "kernel");
    private static final List<String> EXTENDED_MANDATORY = List.of("architecture", "base");
    private static final List<String> CLASSIC_SERIES_16_OPTIONAL = List.of("architecture", "gadget");
    private static final List<String> CONFLICTING_WITH_SNAPS = List.of("gadget", "kernel", "required-snaps");

    /** The {@code ID} field of os-release(5): lowercase letters, digits, dots, underscores and dashes. */
    private static final Pattern DISTRIBUTION = Pattern.compile("^[a-z0-9._-]*$");

    private final Assertion assertion;
    private final boolean classic;
    private final Grade grade;
    private final StorageSafety storageSafety;
    private final ModelSnaps snaps;
    private final List<String> serialAuthority;
    private final List<String> systemUserAuthority;
    private final Instant timestamp;

    private Model(Assertion assertion, boolean classic, Grade grade, StorageSafety storageSafety, ModelSnaps snaps,
            List<String> serialAuthority, List<String> systemUserAuthority, Instant timestamp) {
        this.assertion = assertion;
        this.classic = classic;
        this.grade = grade;
        this.storageSafety = storageSafety;
        this.snaps = snaps;
        this.serialAuthority = serialAuthority;
        this.systemUserAuthority = systemUserAuthority;
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
        boolean extended = headers.containsKey("snaps");

        checkHeadersOfStyle(headers, extended);
        if (classic && !extended) {
            checkClassicWithoutSnaps(headers);
        }
        checkDistribution(headers, classic && extended);
        checkMandatoryHeaders(headers, classic, extended);
        Snap baseSnap = checkBase(headers);
        HeaderChecks.optionalString(headers, "store");
        HeaderChecks.optionalString(headers, "display-name");

        Grade grade = Grade.UNSET;
        StorageSafety storageSafety = StorageSafety.UNSET;
        ModelSnaps snaps;
        if (extended) {
            grade = checkGrade(headers);
            storageSafety = checkStorageSafety(headers, grade);
            snaps = checkExtendedSnaps(headers, baseSnap, grade);
        } else {
            snaps = checkSeries16Snaps(headers, baseSnap);
        }

        String brandId = assertion.headerString("brand-id");
        List<String> serialAuthority = serialAuthority(headers, brandId);
        List<String> systemUserAuthority = systemUserAuthority(headers, brandId);
        Instant timestamp = HeaderChecks.rfc3339Date(headers, "timestamp");
        return new Model(assertion, classic, grade, storageSafety, snaps, serialAuthority, systemUserAuthority,
                timestamp);
    }

    private static void checkAuthorityIsBrand(Assertion assertion) throws AssertionFormatException {
        String authorityId = assertion.authorityId();
        String brandId = assertion.headerString("brand-id");
        if (!authorityId.equals(brandId)) {
            throw new AssertionFormatException("authority-id and brand-id must match, model assertions are signed by"
                    + " the brand: " + quote(authorityId) + " != " + quote(brandId));
        }
    }

    /** The {@code snaps} list replaces the series-16 snap headers, and grade and storage-safety need it. */
    private static void checkHeadersOfStyle(Map<String, Object> headers, boolean extended)
            throws AssertionFormatException {
        if (extended) {
            for (String conflicting : CONFLICTING_WITH_SNAPS) {
                if (headers.containsKey(conflicting)) {
                    throw new AssertionFormatException("cannot specify separate " + quote(conflicting)
                            + " header once using the extended snaps header: list the snap in \"snaps\" instead");
                }
            }
            return;
        }
        for (String needingSnaps : List.of("grade", "storage-safety")) {
            if (headers.containsKey(needingSnaps)) {
                throw new AssertionFormatException("cannot specify " + quote(needingSnaps)
                        + " header for a model without the extended \"snaps\" header");
            }
        }
    }

    private static void checkClassicWithoutSnaps(Map<String, Object> headers) throws AssertionFormatException {
        for (String notAllowed : List.of("kernel", "base")) {
            if (headers.containsKey(notAllowed)) {
                throw new AssertionFormatException("cannot specify " + quote(notAllowed)
                        + " header with a classic model without the extended \"snaps\" header");
            }
        }
    }

    /** A distribution is mandatory for classic models with a {@code snaps} list, and not allowed otherwise. */
    private static void checkDistribution(Map<String, Object> headers, boolean classicWithSnaps)
            throws AssertionFormatException {
        if (!classicWithSnaps) {
            if (headers.containsKey("distribution")) {
                throw new AssertionFormatException("cannot specify \"distribution\" header unless the model is classic"
                        + " and has an extended \"snaps\" header");
            }
            return;
        }
        try {
            HeaderChecks.matching(headers, "distribution", DISTRIBUTION);
        } catch (AssertionFormatException e) {
            throw new AssertionFormatException(e.getMessage() + ", see the ID field of os-release(5)");
        }
    }

    private static void checkMandatoryHeaders(Map<String, Object> headers, boolean classic, boolean extended)
            throws AssertionFormatException {
        if (extended) {
            for (String name : EXTENDED_MANDATORY) {
                HeaderChecks.notEmptyString(headers, name);
            }
        } else if (classic) {
            for (String name : CLASSIC_SERIES_16_OPTIONAL) {
                HeaderChecks.optionalString(headers, name);
            }
        } else {
            for (String name : SERIES_16_MANDATORY) {
                HeaderChecks.notEmptyString(headers, name);
            }
        }
    }

    /** Returns the boot base named by the {@code base} header, or null when there is none. */
    private static Snap checkBase(Map<String, Object> headers) throws AssertionFormatException {
        String base = HeaderChecks.optionalString(headers, "base");
        if (base.isEmpty()) {
            return null;
        }
        return requiredSnap(base, "base", "base");
    }

    private static Snap requiredSnap(String name, String header, String type) throws AssertionFormatException {
        checkSnapName(name, header);
        return new Snap(name, null, type, ModelSnaps.DEFAULT_MODES, null, null, ModelSnaps.REQUIRED);
    }

    private static void checkSnapName(String name, String header) throws AssertionFormatException {
        if (!SnapNames.isValidSnapName(name)) {
            throw new AssertionFormatException("invalid snap name in " + quote(header) + " header: " + quote(name)
                    + " (2 to 40 lowercase letters, digits and single dashes, with a letter)");
        }
    }

    /** Returns the grade, {@code signed} when the header is absent or empty. */
    private static Grade checkGrade(Map<String, Object> headers) throws AssertionFormatException {
        String value = HeaderChecks.optionalString(headers, "grade");
        if (value.isEmpty()) {
            return Grade.SIGNED;
        }
        for (Grade grade : List.of(Grade.SECURED, Grade.SIGNED, Grade.DANGEROUS)) {
            if (grade.wireName().equals(value)) {
                return grade;
            }
        }
        throw new AssertionFormatException("\"grade\" header must be secured|signed|dangerous, not " + quote(value));
    }

    /** Returns the storage safety, by default encrypted for a secured model and prefer-encrypted otherwise. */
    private static StorageSafety checkStorageSafety(Map<String, Object> headers, Grade grade)
            throws AssertionFormatException {
        String value = HeaderChecks.optionalString(headers, "storage-safety");
        StorageSafety storageSafety = null;
        for (StorageSafety candidate : List.of(StorageSafety.ENCRYPTED, StorageSafety.PREFER_ENCRYPTED,
                StorageSafety.PREFER_UNENCRYPTED)) {
            if (candidate.wireName().equals(value)) {
                storageSafety = candidate;
            }
        }
        if (!value.isEmpty() && storageSafety == null) {
            throw new AssertionFormatException("\"storage-safety\" header must be"
                    + " encrypted|prefer-encrypted|prefer-unencrypted, not " + quote(value));
        }

        if (storageSafety == null) {
            storageSafety = grade == Grade.SECURED ? StorageSafety.ENCRYPTED : StorageSafety.PREFER_ENCRYPTED;
        }
        if (grade == Grade.SECURED && storageSafety != StorageSafety.ENCRYPTED) {
            throw new AssertionFormatException("secured grade model must not have \"storage-safety\" header"
                    + " overridden, only \"encrypted\" is valid, not " + quote(value));
        }
        return storageSafety;
    }

    /** Checks the {@code snaps} list, which must name the gadget and the kernel, and completes the boot base. */
    private static ModelSnaps checkExtendedSnaps(Map<String, Object> headers, Snap baseSnap, Grade grade)
            throws AssertionFormatException {
        ModelSnaps snaps = ModelSnaps.checkExtendedSnaps(headers.get("snaps"), baseSnap.name(), grade);
        // NOTE: later snapd releases accept classic models without a gadget or kernel entry, but
        // snapd 2.57.6 rejects them, and so does this codec.
        if (snaps.gadget == null) {
            throw new AssertionFormatException("one \"snaps\" header entry must specify the model gadget");
        }
        if (snaps.kernel == null) {
            throw new AssertionFormatException("one \"snaps\" header entry must specify the model kernel");
        }
        if (snaps.base == null) {
            snaps.base = defaultBootBase(baseSnap, grade);
        }
        return snaps;
    }

    /**
     * Returns the boot base that a {@code snaps} list leaves out. snapd 2.57.6 has the snap ids
     * of the well-known bases (core, core18, core20, core22) built in. Any other base needs a
     * {@code snaps} entry unless the grade is dangerous.
     */
    private static Snap defaultBootBase(Snap baseSnap, Grade grade) throws AssertionFormatException {
        String id = SnapNames.wellKnownSnapId(baseSnap.name());
        if (id == null && grade != Grade.DANGEROUS) {
            throw new AssertionFormatException("cannot specify not well-known base " + quote(baseSnap.name())
                    + " without a corresponding \"snaps\" header entry: add an entry of type base with its snap id");
        }
        return new Snap(baseSnap.name(), id, "base", ModelSnaps.ESSENTIAL_MODES, "latest/stable", null,
                ModelSnaps.REQUIRED);
    }

    private static ModelSnaps checkSeries16Snaps(Map<String, Object> headers, Snap baseSnap)
            throws AssertionFormatException {
        ModelSnaps snaps = new ModelSnaps();
        snaps.base = baseSnap;
        snaps.kernel = checkSnapWithTrack(headers, "kernel");
        snaps.gadget = checkSnapWithTrack(headers, "gadget");
        for (String name : HeaderChecks.stringList(headers, "required-snaps", null)) {
            snaps.others.add(requiredSnap(name, "required-snaps", null));
        }
        return snaps;
    }

    /**
     * Checks a series-16 {@code kernel} or {@code gadget} header: a snap name with an optional
     * {@code =TRACK}, which pins the snap to that track. Returns null when the header is absent.
     */
    private static Snap checkSnapWithTrack(Map<String, Object> headers, String header)
            throws AssertionFormatException {
        Object value = headers.get(header);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new AssertionFormatException(quote(header) + " header must be a string");
        }

        int equals = text.indexOf('=');
        String name = equals == -1 ? text : text.substring(0, equals);
        String track = equals == -1 ? "" : text.substring(equals + 1);
        checkSnapName(name, header);
        if (track.contains("/")) {
            throw new AssertionFormatException(quote(header) + " channel selector must be a track name only, not "
                    + quote(track));
        }
        if (SnapChannel.RISKS.contains(track)) {
            throw new AssertionFormatException(quote(header) + " channel selector must be a track name, not the risk "
                    + quote(track));
        }
        return new Snap(name, null, header, ModelSnaps.DEFAULT_MODES, null, track.isEmpty() ? null : track,
                ModelSnaps.REQUIRED);
    }

    /** Returns the accounts allowed to sign serials for the model: the brand, then those listed. */
    private static List<String> serialAuthority(Map<String, Object> headers, String brandId)
            throws AssertionFormatException {
        if (!headers.containsKey("serial-authority")) {
            return List.of(brandId);
        }
        List<String> listed;
        try {
            listed = HeaderChecks.stringList(headers, "serial-authority", TypedViews.ACCOUNT_ID);
        } catch (AssertionFormatException e) {
            throw new AssertionFormatException("\"serial-authority\" header must be a list of account ids");
        }
        return withBrand(listed, brandId);
    }

    /**
     * Returns the accounts allowed to sign system-user assertions for the model: the brand, then
     * those listed. Returns an empty list when the header is {@code *}, which allows any account.
     */
    private static List<String> systemUserAuthority(Map<String, Object> headers, String brandId)
            throws AssertionFormatException {
        Object value = headers.get("system-user-authority");
        if (value == null) {
            return List.of(brandId);
        }
        if ("*".equals(value)) {
            return List.of();
        }
        if (value instanceof List<?>) {
            try {
                return withBrand(HeaderChecks.stringList(headers, "system-user-authority", TypedViews.ACCOUNT_ID),
                        brandId);
            } catch (AssertionFormatException e) {
                // reported below with the accepted forms
            }
        }
        throw new AssertionFormatException("\"system-user-authority\" header must be '*' or a list of account ids");
    }

    /** Returns the listed accounts as they are when they include the brand, else the brand followed by them. */
    private static List<String> withBrand(List<String> listed, String brandId) {
        if (listed.contains(brandId)) {
            return listed;
        }
        List<String> authorities = new ArrayList<>(listed.size() + 1);
        authorities.add(brandId);
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

    /** Returns the {@code display-name}, or the model name when the model has none. */
    public String displayName() {
        String displayName = assertion.headerString("display-name");
        return displayName == null || displayName.isEmpty() ? model() : displayName;
    }

    /** Returns the architecture, such as amd64, or null when a classic model states none. */
    public String architecture() {
        return assertion.headerString("architecture");
    }

    public boolean classic() {
        return classic;
    }

    /** Returns the Linux distribution of a classic model with a {@code snaps} list, such as ubuntu, or null. */
    public String distribution() {
        return assertion.headerString("distribution");
    }

    public Grade grade() {
        return grade;
    }

    public StorageSafety storageSafety() {
        return storageSafety;
    }

    /** Returns the {@code base} header, such as core22, or null for models on the old core snap. */
    public String base() {
        return assertion.headerString("base");
    }

    /** Returns the boot base snap, or null when the model has no {@code base} header. */
    public Snap baseSnap() {
        return snaps.base;
    }

    /** Returns the gadget snap, or null for a classic model without one. */
    public Snap gadget() {
        return snaps.gadget;
    }

    /** Returns the kernel snap, or null for a classic model without one. */
    public Snap kernel() {
        return snaps.kernel;
    }

    /**
     * Returns every snap of the model: the essential ones first (snapd, kernel, boot base,
     * gadget, those the model names), then the others in the order the model lists them.
     */
    public List<Snap> snaps() {
        return snaps.all();
    }

    /** Returns the essential snaps that the model names, in the order snapd, kernel, boot base, gadget. */
    public List<Snap> essentialSnaps() {
        return snaps.essential();
    }

    /** Returns the {@code store} header, the id of a brand store, or null for the global store. */
    public String store() {
        return assertion.headerString("store");
    }

    /** Returns the accounts whose keys may sign serials for this model; the brand is always one. */
    public List<String> serialAuthority() {
        return serialAuthority;
    }

    /**
     * Returns the accounts whose keys may sign system-user assertions for this model, the brand
     * among them. An empty list means any account ({@code system-user-authority: *}).
     */
    public List<String> systemUserAuthority() {
        return systemUserAuthority;
    }

    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return assertion.toString();
    }
}
