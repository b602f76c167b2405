package dev.modelservice.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionStreamEncoder;
import dev.modelservice.assertions.AssertionType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our codec signs, snapd decodes and checks. The cases are a root of trust, a brand with its
 * keys and model, serials as the service returns them, a serial stream, a serial-request and
 * an account-key-request. Tampered copies must be rejected, and a sample of random headers
 * must decode as we encoded them. The Go half prints snapd's pass count.
 */
class OurSignedCasesTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final String TIMESTAMP = "2026-01-02T03:04:05Z";
    private static final int RANDOM_SAMPLE = 40;

    private static SoftwareKey rootKey;
    private static SoftwareKey brandKey;
    private static SoftwareKey secondBrandKey;
    private static SoftwareKey factoryKey;
    private static SoftwareKey rogueKey;
    private static SoftwareKey deviceKey;

    private static Path folder;
    private static final List<CaseFolder.Case> cases = new ArrayList<>();

    @BeforeAll
    static void generateKeys() throws Exception {
        rootKey = SoftwareKey.generate(2048);
        brandKey = SoftwareKey.generate(4096);
        secondBrandKey = SoftwareKey.generate(2048);
        factoryKey = SoftwareKey.generate(2048);
        rogueKey = SoftwareKey.generate(2048);
        deviceKey = SoftwareKey.generate(2048);
        folder = GoSuite.freshFolder("our-signed");
    }

    @Test
    void snapdAcceptsWhatWeSignAndRejectsTampering() throws Exception {
        writeRootAndChain();
        writeSerialCases();
        writeRequestCases();
        writeRandomHeaderCases();
        CaseFolder.write(folder, new CaseFolder.Manifest(List.of("root.assert"), List.of("chain.assert"), cases));

        GoSuite.Run run = GoSuite.check(folder);

        int[] summary = run.summary();
        assertNotNull(summary, "snapd's check printed no summary line:\n" + run.output());
        assertEquals(0, summary[1], "cases snapd judged otherwise than expected:\n" + run.output());
        assertEquals(cases.size(), summary[0], "cases snapd passed");
        assertEquals(0, run.exitStatus(), "exit status of go/run.sh check");
    }

    private static void writeRootAndChain() throws Exception {
        Assertion rootAccount = account("testroot", "testroot", rootKey);
        Assertion rootAccountKey = accountKey("testroot", "testroot", "root", rootKey, rootKey);
        write("root.assert", rootAccount, rootAccountKey);

        write("chain.assert",
                account("testroot", "acme", rootKey),
                account("testroot", "factory-co", rootKey),
                account("testroot", "rogue-co", rootKey),
                accountKey("testroot", "acme", "serials", brandKey, rootKey),
                accountKey("testroot", "factory-co", "serials", factoryKey, rootKey),
                accountKey("testroot", "rogue-co", "serials", rogueKey, rootKey),
                model());
        Files.writeString(folder.resolve("root.pub"), rootKey.publicKey().encode() + "\n");
    }

    private static void writeSerialCases() throws Exception {
        Assertion withBody = serial("SN-1", brandKey, "acme").body("batch: 7\nline: north\n")
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);
        addValid("serial-with-body", withBody, "database");
        addRejected("serial-header-tampered", replace(withBody.encode(), "serial: SN-1", "serial: SN-2"),
                "verify", "database");
        addRejected("serial-body-tampered", replace(withBody.encode(), "line: north", "line: south"),
                "verify", "database");
        addRejected("serial-signature-tampered", tamperSignature(withBody.encode()), "verify", "database");
        addRejected("serial-body-length-mismatch", replace(withBody.encode(), "body-length: 21", "body-length: 20"),
                "decode", "database");

        addValid("serial-without-body-revision-2", serial("SN-2", brandKey, "acme").header("revision", "2")
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign), "database");
        addValid("serial-nested-headers", serial("SN-3", brandKey, "acme")
                .header("notes", "first line\n\n  indented: line\n- dash line\n")
                .header("empty", "")
                .header("batches", List.of("b-1", List.of("b-2", "b-3"), Map.of("lot", "4", "where", "line 1\nline 2")))
                .header("factory", Map.of("site", "north", "lines", List.of("1", "2")))
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign), "database");
        addValid("serial-by-serial-authority", serial("SN-4", factoryKey, "factory-co")
                .sign(factoryKey.publicKey(), SIGNED_AT, factoryKey::sign), "database");
        addRejected("serial-by-unlisted-authority", serial("SN-5", rogueKey, "rogue-co")
                .sign(rogueKey.publicKey(), SIGNED_AT, rogueKey::sign).encode(), "verify", "database");
        addRejected("serial-by-unknown-key", serial("SN-6", deviceKey, "acme")
                .sign(deviceKey.publicKey(), SIGNED_AT, deviceKey::sign).encode(), "verify", "database");
        addValid("serial-signature-leading-zero", serialWithLeadingZeroSignature(), "database");

        Assertion streamed = serial("SN-7", secondBrandKey, "acme")
                .sign(secondBrandKey.publicKey(), SIGNED_AT, secondBrandKey::sign);
        Assertion streamedKey = accountKey("testroot", "acme", "serials-2", secondBrandKey, rootKey);
        write("serial-stream.assert", streamed, streamedKey);
        cases.add(new CaseFolder.Case("serial-stream", "serial-stream.assert", "valid", null, "database", null,
                streamed.headers(), streamed.bodyText()));

        Assertion model = model();
        addValid("model-with-lists", model, "database");
        addRejected("model-tampered", replace(model.encode(), "Gateway", "Getaway"), "verify", "database");
    }

    private static void writeRequestCases() throws Exception {
        Assertion request = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                .header("brand-id", "acme").header("model", "gateway").header("request-id", "REQ-0001")
                .header("serial", "SN-8").header("device-key", deviceKey.publicKey().encode())
                .body("mac: 00:11:22:33:44:55\n")
                .sign(deviceKey.publicKey(), SIGNED_AT, deviceKey::sign);
        addValid("serial-request", request, "self");
        addRejected("serial-request-tampered", replace(request.encode(), "REQ-0001", "REQ-0002"), "verify", "self");

        Assertion keyRequest = AssertionBuilder.of(AssertionType.ACCOUNT_KEY_REQUEST)
                .header("account-id", "acme").header("name", "serials-3").header("since", TIMESTAMP)
                .header("public-key-sha3-384", secondBrandKey.publicKey().id())
                .body(secondBrandKey.publicKey().encode())
                .sign(secondBrandKey.publicKey(), SIGNED_AT, secondBrandKey::sign);
        addValid("account-key-request", keyRequest, "self");
        addRejected("account-key-request-tampered", replace(keyRequest.encode(), "serials-3", "serials-4"),
                "verify", "self");
    }

    private static void writeRandomHeaderCases() throws Exception {
        for (long seed = 0; seed < RANDOM_SAMPLE; seed++) {
            Map<String, Object> randomHeaders = new RandomHeaders(1_000 + seed).headers(4);
            Assertion account = HeaderRoundTripTest.signedAccount(seed, randomHeaders, rootKey);
            String name = "random-headers-" + seed;
            Files.write(folder.resolve(name + ".assert"), account.encode());
            cases.add(new CaseFolder.Case(name, name + ".assert", "valid", null, "public-key", "root.pub",
                    account.headers(), null));
        }
    }

    private static Assertion account(String authority, String accountId, SoftwareKey signer) throws Exception {
        return AssertionBuilder.of(AssertionType.ACCOUNT)
                .header("authority-id", authority).header("account-id", accountId)
                .header("display-name", accountId.toUpperCase()).header("validation", "verified")
                .header("timestamp", "2024-01-01T00:00:00Z")
                .sign(signer.publicKey(), SIGNED_AT, signer::sign);
    }

    private static Assertion accountKey(String authority, String accountId, String name, SoftwareKey key,
            SoftwareKey signer) throws Exception {
        AssertionPublicKey publicKey = key.publicKey();
        return AssertionBuilder.of(AssertionType.ACCOUNT_KEY)
                .header("authority-id", authority).header("account-id", accountId).header("name", name)
                .header("since", "2024-01-01T00:00:00Z").header("public-key-sha3-384", publicKey.id())
                .body(publicKey.encode())
                .sign(signer.publicKey(), SIGNED_AT, signer::sign);
    }

    private static Assertion model() throws Exception {
        return AssertionBuilder.of(AssertionType.MODEL)
                .header("authority-id", "acme").header("series", "16").header("brand-id", "acme")
                .header("model", "gateway").header("display-name", "Acme Gateway\nsecond line")
                .header("architecture", "amd64").header("gadget", "pc").header("kernel", "pc-kernel")
                .header("required-snaps", List.of("network-manager", "modem-manager"))
                .header("serial-authority", List.of("factory-co"))
                .header("timestamp", "2024-01-01T00:00:00Z")
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);
    }

    private static AssertionBuilder serial(String serialNumber, SoftwareKey signer, String authority) {
        return AssertionBuilder.of(AssertionType.SERIAL)
                .header("authority-id", authority).header("brand-id", "acme").header("model", "gateway")
                .header("serial", serialNumber).header("device-key", deviceKey.publicKey().encode())
                .header("device-key-sha3-384", deviceKey.publicKey().id()).header("timestamp", TIMESTAMP);
    }

    /**
     * Signs serials until the RSA value starts with a zero byte (one in 256 on average), so
     * snapd reads a value whose length is kept at the modulus size.
     */
    private static Assertion serialWithLeadingZeroSignature() throws Exception {
        for (int attempt = 0; attempt < 5_000; attempt++) {
            byte[][] rsaValue = new byte[1][];
            Assertion serial = serial("SN-Z" + attempt, brandKey, "acme").sign(brandKey.publicKey(), SIGNED_AT,
                    data -> {
                        rsaValue[0] = brandKey.sign(data);
                        return rsaValue[0];
                    });
            if (rsaValue[0][0] == 0) {
                return serial;
            }
        }
        throw new IllegalStateException("no signature with a leading zero byte in 5000 attempts");
    }

    private static void addValid(String name, Assertion assertion, String check) throws Exception {
        Files.write(folder.resolve(name + ".assert"), assertion.encode());
        String body = assertion.body().length == 0 ? null : assertion.bodyText();
        cases.add(new CaseFolder.Case(name, name + ".assert", "valid", null, check, null, assertion.headers(), body));
    }

    private static void addRejected(String name, byte[] bytes, String stage, String check) throws Exception {
        Files.write(folder.resolve(name + ".assert"), bytes);
        cases.add(new CaseFolder.Case(name, name + ".assert", "reject", stage, check, null, null, null));
    }

    private static void write(String file, Assertion... assertions) throws Exception {
        Files.write(folder.resolve(file), AssertionStreamEncoder.encode(List.of(assertions)));
    }

    private static byte[] replace(byte[] encoded, String from, String to) {
        String text = new String(encoded, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("cannot tamper: " + from + " not found");
        }
        return text.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes(StandardCharsets.UTF_8);
    }

    /** Changes one base64 character in the middle of the signature, keeping it valid base64. */
    private static byte[] tamperSignature(byte[] encoded) {
        byte[] copy = encoded.clone();
        String text = new String(encoded, StandardCharsets.UTF_8);
        int position = text.lastIndexOf("\n\n") + 200;
        copy[position] = (byte) (copy[position] == 'A' ? 'B' : 'A');
        return copy;
    }
}
