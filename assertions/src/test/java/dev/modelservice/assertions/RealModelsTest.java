package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in {@code fixtures/real-models}, published by Canonical, gets snapd 2.57.6's
 * verdict from our codec: decoded or rejected at decoding, signature valid or not, and chained
 * to Canonical's root where the chain is there.
 */
class RealModelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A check time after every model's timestamp; the generic models key has no end of validity. */
    private static final Instant CHECK_TIME = Instant.parse("2026-06-01T00:00:00Z");

    /** One published model and snapd's verdict on it. */
    record RealModel(String name, byte[] bytes, JsonNode verdict) {
        boolean snapdDecodes() {
            return !verdict.get("headers").isNull();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Path directory() {
        return FixtureCorpus.directory().resolveSibling("real-models");
    }

    static Stream<RealModel> models() {
        List<RealModel> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".model")) {
                    String name = fileName.substring(0, fileName.length() - ".model".length());
                    JsonNode verdict = JSON.readTree(file.resolveSibling(name + ".json").toFile());
                    models.add(new RealModel(name, Files.readAllBytes(file), verdict));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return models.stream();
    }

    static Stream<RealModel> modelsSnapdDecodes() {
        return models().filter(RealModel::snapdDecodes);
    }

    static Stream<RealModel> modelsSnapdRejectsAtDecoding() {
        return models().filter(model -> !model.snapdDecodes());
    }

    static Stream<RealModel> modelsWithValidSignature() {
        return models().filter(model -> model.verdict().path("signature-valid").asBoolean(false));
    }

    static Stream<RealModel> modelsWithInvalidSignature() {
        return models().filter(model -> model.verdict().path("signature-valid").isBoolean()
                && !model.verdict().path("signature-valid").asBoolean());
    }

    static Stream<RealModel> modelsWithSnaps() {
        return modelsSnapdDecodes().filter(model -> model.verdict().get("headers").has("snaps"));
    }

    static Stream<RealModel> modelsWithSnapsOrNotClassic() {
        return modelsSnapdDecodes().filter(model -> model.verdict().get("headers").has("snaps")
                || !model.verdict().get("headers").has("classic"));
    }

    static Stream<RealModel> modelsWithChain() {
        return models().filter(model -> model.verdict().path("signature-verified").isBoolean());
    }

    private static Model model(String name) throws AssertionFormatException {
        return Model.of(AssertionDecoder.decode(read(name + ".model")));
    }

    private static byte[] read(String relativePath) {
        try {
            return Files.readAllBytes(directory().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a PEM SubjectPublicKeyInfo RSA key, as the fixtures' {@code keys/*.pub.pem} files hold. */
    private static AssertionPublicKey pemKey(String relativePath) throws GeneralSecurityException {
        String pem = new String(read(relativePath), StandardCharsets.US_ASCII)
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "");
        byte[] der = Base64.getMimeDecoder().decode(pem);
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        return AssertionPublicKey.of(key);
    }

    /**
     * Checks the signature of a model's bytes with the key snapd used. Files that do not decode
     * are split at the last blank line, as the decoder splits content from signature, so that
     * their signatures are checked too.
     */
    private static void verifySignature(RealModel model) throws Exception {
        AssertionPublicKey key = pemKey(model.verdict().get("public-key").asText());
        if (model.snapdDecodes()) {
            AssertionVerifier.verifySignature(AssertionDecoder.decode(model.bytes()), key);
            return;
        }
        int blankLine = lastBlankLine(model.bytes());
        byte[] content = Arrays.copyOfRange(model.bytes(), 0, blankLine);
        byte[] signature = Arrays.copyOfRange(model.bytes(), blankLine + 2, model.bytes().length);
        AssertionSignature.parse(signature).verify(content, key);
    }

    private static int lastBlankLine(byte[] bytes) {
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("no blank line before the signature");
    }

    /** Opens a database trusting Canonical's root, with the generic account and its models key added. */
    private static AssertionDatabase canonicalWithGenericModelsKey() throws Exception {
        AssertionDatabase database = canonicalRootOnly();
        database.add(AssertionDecoder.decode(read("keys/generic.account")), CHECK_TIME);
        database.add(AssertionDecoder.decode(read("keys/d-JcZF9nD9eBw7bw.account-key")), CHECK_TIME);
        return database;
    }

    private static AssertionDatabase canonicalRootOnly() throws AssertionFormatException {
        return new AssertionDatabase(List.of(AssertionDecoder.decode(read("keys/canonical.account")),
                AssertionDecoder.decode(read("keys/canonical-root.account-key"))));
    }

    @ParameterizedTest
    @MethodSource("modelsSnapdDecodes")
    void decodesWhereSnapdDecodes(RealModel model) {
        assertDoesNotThrow(() -> AssertionDecoder.decode(model.bytes()));
    }

    @ParameterizedTest
    @MethodSource("modelsSnapdDecodes")
    void headersAreSnapds(RealModel model) throws Exception {
        Assertion assertion = AssertionDecoder.decode(model.bytes());

        assertEquals(JSON.convertValue(model.verdict().get("headers"), Map.class), assertion.headers());
    }

    @ParameterizedTest
    @MethodSource("modelsSnapdRejectsAtDecoding")
    void rejectedWhereSnapdRejects(RealModel model) {
        assertThrows(AssertionFormatException.class, () -> AssertionDecoder.decode(model.bytes()));
    }

    @ParameterizedTest
    @MethodSource("modelsSnapdRejectsAtDecoding")
    void rejectionGivesSnapdReason(RealModel model) {
        String snapdReason = model.verdict().get("snapd-error").asText().replaceFirst("^assertion model: ", "");

        AssertionFormatException rejection =
                assertThrows(AssertionFormatException.class, () -> AssertionDecoder.decode(model.bytes()));
        assertEquals("model assertion: " + snapdReason, rejection.getMessage());
    }

    @ParameterizedTest
    @MethodSource("modelsWithValidSignature")
    void signatureValidWhereSnapdFindsIt(RealModel model) {
        assertDoesNotThrow(() -> verifySignature(model));
    }

    @ParameterizedTest
    @MethodSource("modelsWithInvalidSignature")
    void signatureInvalidWhereSnapdFindsIt(RealModel model) {
        assertThrows(AssertionVerificationException.class, () -> verifySignature(model));
    }

    @ParameterizedTest
    @MethodSource("modelsWithChain")
    void chainVerifiesAsSnapd(RealModel model) throws Exception {
        assertTrue(model.verdict().get("signature-verified").asBoolean(), "every chained model verifies in snapd");
        Assertion assertion = AssertionDecoder.decode(model.bytes());
        AssertionDatabase database = canonicalWithGenericModelsKey();

        assertDoesNotThrow(() -> database.check(assertion, CHECK_TIME));
    }

    @Test
    void genericClassicNeedsGenericModelsKey() throws Exception {
        Assertion assertion = AssertionDecoder.decode(read("generic-classic.model"));

        assertThrows(AssertionVerificationException.class, () -> canonicalRootOnly().check(assertion, CHECK_TIME));
    }

    @Test
    void everyModelIsJudged() {
        assertEquals(49, models().count());
    }

    @Test
    void fiveModelsRejectedAtDecoding() {
        assertEquals(5, modelsSnapdRejectsAtDecoding().count());
    }

    @Test
    void twoModelsWithStaleSignatures() {
        assertEquals(2, modelsWithInvalidSignature().count());
    }

    @ParameterizedTest
    @MethodSource("modelsWithSnapsOrNotClassic")
    void gadgetNamedWhereSnapdRequiresIt(RealModel model) throws Exception {
        Model view = Model.of(AssertionDecoder.decode(model.bytes()));

        assertNotNull(view.gadget());
    }

    @ParameterizedTest
    @MethodSource("modelsWithSnapsOrNotClassic")
    void kernelNamedWhereSnapdRequiresIt(RealModel model) throws Exception {
        Model view = Model.of(AssertionDecoder.decode(model.bytes()));

        assertNotNull(view.kernel());
    }

    @ParameterizedTest
    @MethodSource("modelsWithSnaps")
    void snapsAreTheEntriesAndBootBase(RealModel model) throws Exception {
        Model view = Model.of(AssertionDecoder.decode(model.bytes()));
        Set<String> expected = new TreeSet<>();
        model.verdict().get("headers").get("snaps").forEach(entry -> expected.add(entry.get("name").asText()));
        expected.add(view.base());

        List<String> names = view.snaps().stream().map(Model.Snap::name).sorted().toList();
        assertEquals(List.copyOf(expected), names);
    }

    @Test
    void core16GadgetHasNoPinnedTrack() throws Exception {
        assertNull(model("ubuntu-core-16-amd64").gadget().pinnedTrack());
    }

    @Test
    void core16HasNoBase() throws Exception {
        assertNull(model("ubuntu-core-16-amd64").baseSnap());
    }

    @Test
    void core18GadgetPinsTrack() throws Exception {
        assertEquals("18", model("ubuntu-core-18-amd64").gadget().pinnedTrack());
    }

    @Test
    void core18KernelPinsTrack() throws Exception {
        assertEquals("18", model("ubuntu-core-18-amd64").kernel().pinnedTrack());
    }

    @Test
    void core18HasNoGrade() throws Exception {
        assertEquals(Model.Grade.UNSET, model("ubuntu-core-18-amd64").grade());
    }

    @Test
    void core18BaseIsRequired() throws Exception {
        assertTrue(model("ubuntu-core-18-amd64").baseSnap().required());
    }

    @Test
    void core18DisplayName() throws Exception {
        assertEquals("Ubuntu Core 18 (amd64)", model("ubuntu-core-18-amd64").displayName());
    }

    @Test
    void core16DisplayNameFallsBackToModel() throws Exception {
        assertEquals("pc-amd64", model("ubuntu-core-16-amd64").displayName());
    }

    @Test
    void applianceRequiredSnapsFollowEssentialOnes() throws Exception {
        List<String> names = model("appliances_adguard-home-core18-amd64").snaps().stream()
                .map(Model.Snap::name).toList();

        assertEquals(List.of("pc-kernel", "core18", "pc", "adguard-home", "core20"), names);
    }

    @Test
    void applianceSerialAuthorityStartsWithBrand() throws Exception {
        assertEquals(List.of("ubuntu", "generic"), model("appliances_adguard-home-core18-amd64").serialAuthority());
    }

    @Test
    void applianceSystemUserAuthorityIsBrand() throws Exception {
        assertEquals(List.of("ubuntu"), model("appliances_adguard-home-core18-amd64").systemUserAuthority());
    }

    @Test
    void core20DangerousStorageSafetyOverridden() throws Exception {
        assertEquals(Model.StorageSafety.PREFER_UNENCRYPTED,
                model("ubuntu-core-20-intel-iot-dangerous").storageSafety());
    }

    @Test
    void core20DangerousGrade() throws Exception {
        assertEquals(Model.Grade.DANGEROUS, model("ubuntu-core-20-intel-iot-dangerous").grade());
    }

    @Test
    void core22StorageSafetyDefaultsToPreferEncrypted() throws Exception {
        assertEquals(Model.StorageSafety.PREFER_ENCRYPTED, model("ubuntu-core-22-amd64").storageSafety());
    }

    @Test
    void core24EssentialSnapsInSnapdOrder() throws Exception {
        List<String> names = model("ubuntu-core-24-amd64").essentialSnaps().stream().map(Model.Snap::name).toList();

        assertEquals(List.of("snapd", "pc-kernel", "core24", "pc"), names);
    }

    @Test
    void core24OptionalSnapIsNotRequired() throws Exception {
        Model.Snap consoleConf = model("ubuntu-core-24-amd64").snaps().get(4);

        assertFalse(consoleConf.required());
    }

    @Test
    void core24EssentialSnapsRunInEphemeralModes() throws Exception {
        assertEquals(List.of("run", "ephemeral"), model("ubuntu-core-24-amd64").gadget().modes());
    }

    @Test
    void core24AppRunsInRunMode() throws Exception {
        assertEquals(List.of("run"), model("ubuntu-core-24-amd64").snaps().get(4).modes());
    }

    @Test
    void core24KernelDefaultChannel() throws Exception {
        assertEquals("24/stable", model("ubuntu-core-24-amd64").kernel().defaultChannel());
    }

    @Test
    void desktopBootBaseIsListedEntry() throws Exception {
        assertEquals("core22-desktop", model("ubuntu-core-desktop-22-amd64--6837223").baseSnap().name());
    }

    @Test
    void classicWithSnapsHasDistribution() throws Exception {
        assertEquals("ubuntu", model("ubuntu-classic-2304-amd64").distribution());
    }

    @Test
    void genericClassicIsClassic() throws Exception {
        assertTrue(model("generic-classic").classic());
    }

    @Test
    void genericClassicHasNoGadget() throws Exception {
        assertNull(model("generic-classic").gadget());
    }

    @Test
    void genericClassicHasNoSnaps() throws Exception {
        assertEquals(List.of(), model("generic-classic").snaps());
    }
}
