package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks that decoding a model applies, as snapd 2.57.6's {@code assembleModel} does, and the typed view. */
class ModelTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final String GADGET_ID = "gadgetIdgadgetIdgadgetIdgadgetId";
    private static final String KERNEL_ID = "kernelIdkernelIdkernelIdkernelId";
    private static final String SNAPD_ID = "PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4";
    private static final String CORE22_ID = "amcUKQILKXHHTlmSa7NMdnXSx02dNeeT";
    private static final String APP_ID = "appIdAppappIdAppappIdAppappIdApp";

    private static SoftwareKey brandKey;

    @BeforeAll
    static void generateKey() {
        brandKey = SoftwareKey.generate(2048);
    }

    private static Map<String, Object> common() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("authority-id", "acme");
        headers.put("series", "16");
        headers.put("brand-id", "acme");
        headers.put("model", "gateway");
        headers.put("timestamp", "2026-01-02T03:04:05Z");
        return headers;
    }

    /** Returns a series-16 style model: gadget and kernel headers with tracks, a base and required snaps. */
    private static Map<String, Object> series16() {
        Map<String, Object> headers = common();
        headers.put("architecture", "amd64");
        headers.put("base", "core18");
        headers.put("gadget", "pc=18");
        headers.put("kernel", "pc-kernel=18");
        headers.put("required-snaps", List.of("network-manager"));
        return headers;
    }

    /** Returns a classic model in the old style, which names no snaps at all. */
    private static Map<String, Object> classic() {
        Map<String, Object> headers = common();
        headers.put("classic", "true");
        return headers;
    }

    /** Returns an extended model of grade signed: gadget, kernel, boot base, snapd and one app. */
    private static Map<String, Object> extended() {
        Map<String, Object> headers = common();
        headers.put("architecture", "amd64");
        headers.put("base", "core22");
        headers.put("grade", "signed");
        List<Map<String, Object>> snaps = new ArrayList<>();
        snaps.add(entry("name", "pc", "type", "gadget", "id", GADGET_ID, "default-channel", "22/stable"));
        snaps.add(entry("name", "pc-kernel", "type", "kernel", "id", KERNEL_ID, "default-channel", "22/stable"));
        snaps.add(entry("name", "core22", "type", "base", "id", CORE22_ID));
        snaps.add(entry("name", "snapd", "type", "snapd", "id", SNAPD_ID));
        snaps.add(entry("name", "network-manager", "type", "app", "id", APP_ID, "default-channel", "22/stable"));
        headers.put("snaps", snaps);
        return headers;
    }

    /** Returns an extended classic model: the extended one with a distribution. */
    private static Map<String, Object> classicWithSnaps() {
        Map<String, Object> headers = extended();
        headers.put("classic", "true");
        headers.put("distribution", "ubuntu");
        return headers;
    }

    private static Map<String, Object> entry(Object... fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            entry.put((String) fields[i], fields[i + 1]);
        }
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> snaps(Map<String, Object> headers) {
        return (List<Map<String, Object>>) headers.get("snaps");
    }

    /** Returns the entry of the extended model's {@code snaps} list at {@code index}, to change it. */
    private static Map<String, Object> snapEntry(Map<String, Object> headers, int index) {
        return snaps(headers).get(index);
    }

    private static Assertion signed(Map<String, Object> headers) throws Exception {
        return AssertionBuilder.of(AssertionType.MODEL).headers(headers)
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);
    }

    private static Model model(Map<String, Object> headers) throws Exception {
        return Model.of(signed(headers));
    }

    /** Returns the message with which signing rejects the headers, as decoding the result would. */
    private static String rejection(Map<String, Object> headers) {
        return assertThrows(AssertionFormatException.class, () -> signed(headers)).getMessage();
    }

    /** Replaces text in a valid extended model, then returns the message with which decoding rejects it. */
    private static String tamperedRejection(String from, String to) throws Exception {
        String text = new String(signed(extended()).encode(), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("the model text has no " + from);
        }
        byte[] tampered = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
        return assertThrows(AssertionFormatException.class, () -> AssertionDecoder.decode(tampered)).getMessage();
    }

    private static List<String> names(List<Model.Snap> snaps) {
        return snaps.stream().map(Model.Snap::name).toList();
    }

    // The two styles and classic models

    @Test
    void series16HasNoGrade() throws Exception {
        assertEquals(Model.Grade.UNSET, model(series16()).grade());
    }

    @Test
    void series16HasNoStorageSafety() throws Exception {
        assertEquals(Model.StorageSafety.UNSET, model(series16()).storageSafety());
    }

    @Test
    void series16GadgetPinsTrack() throws Exception {
        assertEquals("18", model(series16()).gadget().pinnedTrack());
    }

    @Test
    void series16GadgetHasNoDefaultChannel() throws Exception {
        assertNull(model(series16()).gadget().defaultChannel());
    }

    @Test
    void series16KernelName() throws Exception {
        assertEquals("pc-kernel", model(series16()).kernel().name());
    }

    @Test
    void series16KernelWithoutTrack() throws Exception {
        Map<String, Object> headers = series16();
        headers.put("kernel", "pc-kernel");

        assertNull(model(headers).kernel().pinnedTrack());
    }

    @Test
    void series16RequiredSnapHasNoType() throws Exception {
        assertNull(model(series16()).snaps().get(3).type());
    }

    @Test
    void series16SnapsInSnapdOrder() throws Exception {
        assertEquals(List.of("pc-kernel", "core18", "pc", "network-manager"), names(model(series16()).snaps()));
    }

    @Test
    void series16SnapsRunInRunMode() throws Exception {
        assertEquals(List.of("run"), model(series16()).gadget().modes());
    }

    @Test
    void series16BaseHasNoSnapId() throws Exception {
        assertNull(model(series16()).baseSnap().id());
    }

    @Test
    void series16WithoutBase() throws Exception {
        Map<String, Object> headers = series16();
        headers.remove("base");

        assertNull(model(headers).baseSnap());
    }

    @Test
    void classicIsClassic() throws Exception {
        assertTrue(model(classic()).classic());
    }

    @Test
    void classicWithoutSnapsHasNoKernel() throws Exception {
        assertNull(model(classic()).kernel());
    }

    @Test
    void classicWithoutSnapsMayNameGadget() throws Exception {
        Map<String, Object> headers = classic();
        headers.put("gadget", "pc");

        assertEquals("pc", model(headers).gadget().name());
    }

    @Test
    void classicWithSnapsHasDistribution() throws Exception {
        assertEquals("ubuntu", model(classicWithSnaps()).distribution());
    }

    @Test
    void notClassicByDefault() throws Exception {
        assertFalse(model(extended()).classic());
    }

    // Extended models: grade, storage safety and the snaps list

    @Test
    void gradeDefaultsToSigned() throws Exception {
        Map<String, Object> headers = extended();
        headers.remove("grade");

        assertEquals(Model.Grade.SIGNED, model(headers).grade());
    }

    @Test
    void storageSafetyDefaultsToPreferEncrypted() throws Exception {
        assertEquals(Model.StorageSafety.PREFER_ENCRYPTED, model(extended()).storageSafety());
    }

    @Test
    void securedStorageSafetyDefaultsToEncrypted() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("grade", "secured");

        assertEquals(Model.StorageSafety.ENCRYPTED, model(headers).storageSafety());
    }

    @Test
    void storageSafetyOverridden() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("storage-safety", "prefer-unencrypted");

        assertEquals(Model.StorageSafety.PREFER_UNENCRYPTED, model(headers).storageSafety());
    }

    @Test
    void essentialSnapsInSnapdOrder() throws Exception {
        assertEquals(List.of("snapd", "pc-kernel", "core22", "pc"), names(model(extended()).essentialSnaps()));
    }

    @Test
    void snapsListEssentialOnesFirst() throws Exception {
        assertEquals(List.of("snapd", "pc-kernel", "core22", "pc", "network-manager"),
                names(model(extended()).snaps()));
    }

    @Test
    void essentialSnapsRunInEphemeralModes() throws Exception {
        assertEquals(List.of("run", "ephemeral"), model(extended()).kernel().modes());
    }

    @Test
    void snapModesDefaultToRun() throws Exception {
        assertEquals(List.of("run"), model(extended()).snaps().get(4).modes());
    }

    @Test
    void snapModesAsListed() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("modes", List.of("run", "recover"));

        assertEquals(List.of("run", "recover"), model(headers).snaps().get(4).modes());
    }

    @Test
    void snapPresenceDefaultsToRequired() throws Exception {
        assertTrue(model(extended()).snaps().get(4).required());
    }

    @Test
    void optionalSnapIsNotRequired() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("presence", "optional");

        assertFalse(model(headers).snaps().get(4).required());
    }

    @Test
    void snapTypeDefaultsToApp() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).remove("type");

        assertEquals("app", model(headers).snaps().get(4).type());
    }

    @Test
    void defaultChannelDefaultsToLatestStable() throws Exception {
        assertEquals("latest/stable", model(extended()).baseSnap().defaultChannel());
    }

    @Test
    void defaultChannelWithBranch() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "latest/stable/ubuntu-22.04");

        assertEquals("latest/stable/ubuntu-22.04", model(headers).snaps().get(4).defaultChannel());
    }

    @Test
    void defaultChannelTrackOnly() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "22");

        assertEquals("22", model(headers).snaps().get(4).defaultChannel());
    }

    @Test
    void snapIdAsListed() throws Exception {
        assertEquals(GADGET_ID, model(extended()).gadget().id());
    }

    @Test
    void dangerousSnapWithoutId() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("grade", "dangerous");
        snapEntry(headers, 0).remove("id");

        assertNull(model(headers).gadget().id());
    }

    @Test
    void wellKnownBaseFilledIn() throws Exception {
        Map<String, Object> headers = extended();
        snaps(headers).remove(2);

        assertEquals(CORE22_ID, model(headers).baseSnap().id());
    }

    @Test
    void filledInBaseTracksLatestStable() throws Exception {
        Map<String, Object> headers = extended();
        snaps(headers).remove(2);

        assertEquals("latest/stable", model(headers).baseSnap().defaultChannel());
    }

    @Test
    void filledInBaseIsEssential() throws Exception {
        Map<String, Object> headers = extended();
        snaps(headers).remove(2);

        assertEquals(List.of("run", "ephemeral"), model(headers).baseSnap().modes());
    }

    @Test
    void unknownBaseFilledInWhenDangerous() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("base", "core24");
        headers.put("grade", "dangerous");
        snaps(headers).remove(2);

        assertNull(model(headers).baseSnap().id());
    }

    @Test
    void snapOfBaseTypeNotBootBase() throws Exception {
        Map<String, Object> headers = extended();
        snaps(headers).add(entry("name", "core20", "type", "base", "id", "DLqre5XGLbDqg9jPtiAhRRjDuPVa5X1q"));

        assertEquals("core22", model(headers).baseSnap().name());
    }

    // Authorities, store, display name and timestamp

    @Test
    void systemUserAuthorityDefaultsToBrand() throws Exception {
        assertEquals(List.of("acme"), model(extended()).systemUserAuthority());
    }

    @Test
    void systemUserAuthorityStarAllowsAny() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("system-user-authority", "*");

        assertEquals(List.of(), model(headers).systemUserAuthority());
    }

    @Test
    void systemUserAuthorityStartsWithBrand() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("system-user-authority", List.of("partner"));

        assertEquals(List.of("acme", "partner"), model(headers).systemUserAuthority());
    }

    @Test
    void systemUserAuthorityListingBrandKept() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("system-user-authority", List.of("partner", "acme"));

        assertEquals(List.of("partner", "acme"), model(headers).systemUserAuthority());
    }

    @Test
    void serialAuthorityStartsWithBrand() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("serial-authority", List.of("generic"));

        assertEquals(List.of("acme", "generic"), model(headers).serialAuthority());
    }

    @Test
    void storeAsWritten() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("store", "acme-store");

        assertEquals("acme-store", model(headers).store());
    }

    @Test
    void storeAbsentForGlobalStore() throws Exception {
        assertNull(model(extended()).store());
    }

    @Test
    void displayNameAsWritten() throws Exception {
        Map<String, Object> headers = extended();
        headers.put("display-name", "Acme Gateway");

        assertEquals("Acme Gateway", model(headers).displayName());
    }

    @Test
    void displayNameFallsBackToModel() throws Exception {
        assertEquals("gateway", model(extended()).displayName());
    }

    @Test
    void timestampParsed() throws Exception {
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), model(extended()).timestamp());
    }

    // Rejected: headers of the wrong style

    @Test
    void gradeNeedsSnaps() {
        Map<String, Object> headers = series16();
        headers.put("grade", "signed");

        assertEquals("model assertion: cannot specify \"grade\" header for a model without the extended \"snaps\""
                + " header", rejection(headers));
    }

    @Test
    void storageSafetyNeedsSnaps() {
        Map<String, Object> headers = series16();
        headers.put("storage-safety", "encrypted");

        assertEquals("model assertion: cannot specify \"storage-safety\" header for a model without the extended"
                + " \"snaps\" header", rejection(headers));
    }

    @Test
    void gadgetHeaderConflictsWithSnaps() {
        Map<String, Object> headers = extended();
        headers.put("gadget", "pc");

        assertEquals("model assertion: cannot specify separate \"gadget\" header once using the extended snaps"
                + " header: list the snap in \"snaps\" instead", rejection(headers));
    }

    @Test
    void requiredSnapsConflictsWithSnaps() {
        Map<String, Object> headers = extended();
        headers.put("required-snaps", List.of("network-manager"));

        assertEquals("model assertion: cannot specify separate \"required-snaps\" header once using the extended"
                + " snaps header: list the snap in \"snaps\" instead", rejection(headers));
    }

    @Test
    void classicWithoutSnapsHasNoKernelHeader() {
        Map<String, Object> headers = classic();
        headers.put("kernel", "pc-kernel");

        assertEquals("model assertion: cannot specify \"kernel\" header with a classic model without the extended"
                + " \"snaps\" header", rejection(headers));
    }

    @Test
    void classicWithoutSnapsHasNoBase() {
        Map<String, Object> headers = classic();
        headers.put("base", "core22");

        assertEquals("model assertion: cannot specify \"base\" header with a classic model without the extended"
                + " \"snaps\" header", rejection(headers));
    }

    @Test
    void classicNotBoolean() throws Exception {
        assertEquals("model assertion: \"classic\" header must be 'true' or 'false'",
                tamperedRejection("grade: signed", "classic: yes\ngrade: signed"));
    }

    @Test
    void distributionOnlyForClassicWithSnaps() {
        Map<String, Object> headers = extended();
        headers.put("distribution", "ubuntu");

        assertEquals("model assertion: cannot specify \"distribution\" header unless the model is classic and has"
                + " an extended \"snaps\" header", rejection(headers));
    }

    @Test
    void distributionMandatoryForClassicWithSnaps() {
        Map<String, Object> headers = classicWithSnaps();
        headers.remove("distribution");

        assertEquals("model assertion: \"distribution\" header is mandatory, see the ID field of os-release(5)",
                rejection(headers));
    }

    @Test
    void distributionIsOsReleaseId() {
        Map<String, Object> headers = classicWithSnaps();
        headers.put("distribution", "Ubuntu");

        assertEquals("model assertion: \"distribution\" header contains invalid characters: \"Ubuntu\", see the ID"
                + " field of os-release(5)", rejection(headers));
    }

    @Test
    void classicWithSnapsNeedsGadget() {
        Map<String, Object> headers = classicWithSnaps();
        snaps(headers).remove(0);

        assertEquals("model assertion: one \"snaps\" header entry must specify the model gadget",
                rejection(headers));
    }

    // Rejected: mandatory and optional headers

    @Test
    void series16NeedsKernel() {
        Map<String, Object> headers = series16();
        headers.remove("kernel");

        assertEquals("model assertion: \"kernel\" header is mandatory", rejection(headers));
    }

    @Test
    void series16NeedsArchitecture() {
        Map<String, Object> headers = series16();
        headers.remove("architecture");

        assertEquals("model assertion: \"architecture\" header is mandatory", rejection(headers));
    }

    @Test
    void extendedNeedsBase() {
        Map<String, Object> headers = extended();
        headers.remove("base");

        assertEquals("model assertion: \"base\" header is mandatory", rejection(headers));
    }

    @Test
    void classicGadgetMustBeString() {
        Map<String, Object> headers = classic();
        headers.put("gadget", List.of("pc"));

        assertEquals("model assertion: \"gadget\" header must be a string", rejection(headers));
    }

    @Test
    void baseIsSnapName() {
        Map<String, Object> headers = series16();
        headers.put("base", "Core18");

        assertEquals("model assertion: invalid snap name in \"base\" header: \"Core18\" (2 to 40 lowercase letters,"
                + " digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void storeMustBeString() {
        Map<String, Object> headers = extended();
        headers.put("store", List.of("acme-store"));

        assertEquals("model assertion: \"store\" header must be a string", rejection(headers));
    }

    @Test
    void displayNameMustBeString() {
        Map<String, Object> headers = extended();
        headers.put("display-name", Map.of("en", "Gateway"));

        assertEquals("model assertion: \"display-name\" header must be a string", rejection(headers));
    }

    @Test
    void systemUserAuthorityOtherString() {
        Map<String, Object> headers = extended();
        headers.put("system-user-authority", "partner");

        assertEquals("model assertion: \"system-user-authority\" header must be '*' or a list of account ids",
                rejection(headers));
    }

    @Test
    void systemUserAuthorityInvalidAccount() {
        Map<String, Object> headers = extended();
        headers.put("system-user-authority", List.of("not an account"));

        assertEquals("model assertion: \"system-user-authority\" header must be '*' or a list of account ids",
                rejection(headers));
    }

    @Test
    void serialAuthorityInvalidAccount() {
        Map<String, Object> headers = extended();
        headers.put("serial-authority", "generic");

        assertEquals("model assertion: \"serial-authority\" header must be a list of account ids",
                rejection(headers));
    }

    @Test
    void timestampMandatory() {
        Map<String, Object> headers = extended();
        headers.remove("timestamp");

        assertEquals("model assertion: \"timestamp\" header is mandatory", rejection(headers));
    }

    // Rejected: series-16 gadget, kernel and required snaps

    @Test
    void gadgetTrackNotRisk() {
        Map<String, Object> headers = series16();
        headers.put("gadget", "pc=stable");

        assertEquals("model assertion: \"gadget\" channel selector must be a track name, not the risk \"stable\"",
                rejection(headers));
    }

    @Test
    void kernelTrackOnly() {
        Map<String, Object> headers = series16();
        headers.put("kernel", "pc-kernel=18/stable");

        assertEquals("model assertion: \"kernel\" channel selector must be a track name only, not \"18/stable\"",
                rejection(headers));
    }

    @Test
    void gadgetNameTooShort() {
        Map<String, Object> headers = series16();
        headers.put("gadget", "p=18");

        assertEquals("model assertion: invalid snap name in \"gadget\" header: \"p\" (2 to 40 lowercase letters,"
                + " digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void requiredSnapNameWithDoubleDash() {
        Map<String, Object> headers = series16();
        headers.put("required-snaps", List.of("network--manager"));

        assertEquals("model assertion: invalid snap name in \"required-snaps\" header: \"network--manager\" (2 to 40"
                + " lowercase letters, digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void requiredSnapsMustBeList() {
        Map<String, Object> headers = series16();
        headers.put("required-snaps", "network-manager");

        assertEquals("model assertion: \"required-snaps\" header must be a list of strings", rejection(headers));
    }

    // Rejected: grade and storage safety

    @Test
    void gradeUnknown() throws Exception {
        assertEquals("model assertion: \"grade\" header must be secured|signed|dangerous, not \"bogus\"",
                tamperedRejection("grade: signed", "grade: bogus"));
    }

    @Test
    void storageSafetyUnknown() {
        Map<String, Object> headers = extended();
        headers.put("storage-safety", "plain");

        assertEquals("model assertion: \"storage-safety\" header must be"
                + " encrypted|prefer-encrypted|prefer-unencrypted, not \"plain\"", rejection(headers));
    }

    @Test
    void securedMustBeEncrypted() {
        Map<String, Object> headers = extended();
        headers.put("grade", "secured");
        headers.put("storage-safety", "prefer-encrypted");

        assertEquals("model assertion: secured grade model must not have \"storage-safety\" header overridden, only"
                + " \"encrypted\" is valid, not \"prefer-encrypted\"", rejection(headers));
    }

    // Rejected: entries of the snaps list

    @Test
    void snapsMustBeList() {
        Map<String, Object> headers = extended();
        headers.put("snaps", "pc");

        assertEquals("model assertion: \"snaps\" header must be a list of maps", rejection(headers));
    }

    @Test
    void snapsEntryMustBeMap() {
        Map<String, Object> headers = extended();
        headers.put("snaps", List.of("pc"));

        assertEquals("model assertion: \"snaps\" header must be a list of maps", rejection(headers));
    }

    @Test
    void snapNameMandatory() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).remove("name");

        assertEquals("model assertion: \"snaps\" header: \"name\" of an entry is mandatory", rejection(headers));
    }

    @Test
    void snapNameAllDigits() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("name", "1234");

        assertEquals("model assertion: \"snaps\" header: invalid snap name \"1234\" (2 to 40 lowercase letters,"
                + " digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void snapNameTooLong() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("name", "a".repeat(41));

        assertEquals("model assertion: \"snaps\" header: invalid snap name \"" + "a".repeat(41) + "\" (2 to 40"
                + " lowercase letters, digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void snapNameOfFortyCharacters() throws Exception {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("name", "a".repeat(40));

        assertEquals("a".repeat(40), model(headers).snaps().get(4).name());
    }

    @Test
    void snapNameEndingInDash() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("name", "network-");

        assertEquals("model assertion: \"snaps\" header: invalid snap name \"network-\" (2 to 40 lowercase letters,"
                + " digits and single dashes, with a letter)", rejection(headers));
    }

    @Test
    void snapIdMandatoryWhenSigned() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).remove("id");

        assertEquals("model assertion: \"snaps\" header: \"id\" of snap \"network-manager\" is mandatory for signed"
                + " grade model (give the store's snap id, or use grade dangerous for local snaps)",
                rejection(headers));
    }

    @Test
    void snapIdPattern() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("id", "appIdAppappIdAppappIdAppappIdAp-");

        assertEquals("model assertion: \"snaps\" header: \"id\" of snap \"network-manager\" contains invalid"
                + " characters: \"appIdAppappIdAppappIdAppappIdAp-\" (a snap id is 32 ASCII letters and digits)",
                rejection(headers));
    }

    @Test
    void snapTypeUnknown() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("type", "os");

        assertEquals("model assertion: \"snaps\" header: type of snap \"network-manager\" must be one of"
                + " app|base|gadget|kernel|core|snapd, not \"os\"", rejection(headers));
    }

    @Test
    void snapModeInvalid() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("modes", List.of("Run"));

        assertEquals("model assertion: \"snaps\" header: \"modes\" of snap \"network-manager\" contains an invalid"
                + " element: \"Run\"", rejection(headers));
    }

    @Test
    void snapModesMustBeList() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("modes", "run");

        assertEquals("model assertion: \"snaps\" header: \"modes\" of snap \"network-manager\" must be a list of"
                + " strings", rejection(headers));
    }

    @Test
    void defaultChannelNeedsTrack() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "stable");

        assertEquals("model assertion: \"snaps\" header: default channel for snap \"network-manager\" must specify a"
                + " track, such as latest/stable, not \"stable\"", rejection(headers));
    }

    @Test
    void defaultChannelUnknownRisk() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "22/stabel");

        assertEquals("model assertion: \"snaps\" header: invalid default channel for snap \"network-manager\":"
                + " invalid risk in channel name: 22/stabel (risks are stable, candidate, beta and edge)",
                rejection(headers));
    }

    @Test
    void defaultChannelEmptyBranch() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "22/stable/");

        assertEquals("model assertion: \"snaps\" header: invalid default channel for snap \"network-manager\":"
                + " invalid branch in channel name: 22/stable/", rejection(headers));
    }

    @Test
    void defaultChannelEmptyTrack() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "/stable");

        assertEquals("model assertion: \"snaps\" header: invalid default channel for snap \"network-manager\":"
                + " invalid track in channel name: /stable", rejection(headers));
    }

    @Test
    void defaultChannelTooManyParts() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("default-channel", "22/stable/a/b");

        assertEquals("model assertion: \"snaps\" header: invalid default channel for snap \"network-manager\":"
                + " channel name has too many components: 22/stable/a/b", rejection(headers));
    }

    @Test
    void presenceUnknown() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("presence", "maybe");

        assertEquals("model assertion: \"snaps\" header: presence of snap \"network-manager\" must be one of"
                + " required|optional, not \"maybe\"", rejection(headers));
    }

    @Test
    void snapListedTwice() {
        Map<String, Object> headers = extended();
        snaps(headers).add(snapEntry(headers, 4));

        assertEquals("model assertion: \"snaps\" header: cannot list the same snap \"network-manager\" multiple"
                + " times", rejection(headers));
    }

    @Test
    void snapIdListedTwice() {
        Map<String, Object> headers = extended();
        snaps(headers).add(entry("name", "other-app", "id", APP_ID));

        assertEquals("model assertion: \"snaps\" header: cannot specify the same snap id \"" + APP_ID + "\" multiple"
                + " times, specified for snaps \"network-manager\" and \"other-app\"", rejection(headers));
    }

    @Test
    void twoKernels() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("type", "kernel");

        assertEquals("model assertion: \"snaps\" header: cannot specify multiple kernel snaps: \"pc-kernel\" and"
                + " \"network-manager\"", rejection(headers));
    }

    @Test
    void twoSnapdSnaps() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 4).put("type", "snapd");

        assertEquals("model assertion: \"snaps\" header: cannot specify multiple snapd snaps: \"snapd\" and"
                + " \"network-manager\"", rejection(headers));
    }

    @Test
    void bootBaseOfAppType() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 2).put("type", "app");

        assertEquals("model assertion: \"snaps\" header: boot base \"core22\" must specify type \"base\", not"
                + " \"app\"", rejection(headers));
    }

    @Test
    void essentialSnapWithModes() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 0).put("modes", List.of("run"));

        assertEquals("model assertion: \"snaps\" header: essential snaps are always available, cannot specify modes"
                + " or presence for snap \"pc\"", rejection(headers));
    }

    @Test
    void essentialSnapWithPresence() {
        Map<String, Object> headers = extended();
        snapEntry(headers, 3).put("presence", "optional");

        assertEquals("model assertion: \"snaps\" header: essential snaps are always available, cannot specify modes"
                + " or presence for snap \"snapd\"", rejection(headers));
    }

    @Test
    void snapsNeedKernel() {
        Map<String, Object> headers = extended();
        snaps(headers).remove(1);

        assertEquals("model assertion: one \"snaps\" header entry must specify the model kernel", rejection(headers));
    }

    @Test
    void notWellKnownBaseNeedsEntry() {
        Map<String, Object> headers = extended();
        headers.put("base", "core24");
        snaps(headers).remove(2);

        assertEquals("model assertion: cannot specify not well-known base \"core24\" without a corresponding"
                + " \"snaps\" header entry: add an entry of type base with its snap id", rejection(headers));
    }
}
