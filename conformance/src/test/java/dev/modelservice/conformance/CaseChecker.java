package dev.modelservice.conformance;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionDatabase;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerificationException;
import dev.modelservice.assertions.AssertionVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks one case of a case folder with our codec, the way the Go half checks it with snapd's. */
final class CaseChecker {
    private final Path folder;
    private final CaseFolder.Manifest manifest;

    CaseChecker(Path folder, CaseFolder.Manifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /**
     * Decodes and checks a case's file and returns its first assertion.
     *
     * @throws AssertionException when decoding or the case's check rejects it
     */
    Assertion check(CaseFolder.Case testCase) throws AssertionException, IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve(testCase.file()));
        List<Assertion> assertions = AssertionStreamDecoder.decodeAll(bytes);
        if (assertions.isEmpty()) {
            throw new AssertionFormatException(testCase.file() + " holds no assertion");
        }
        if (assertions.size() == 1) {
            AssertionDecoder.decode(bytes);
        }

        Assertion first = assertions.get(0);
        switch (testCase.check()) {
            case "database" -> checkInDatabase(assertions);
            case "self" -> checkSelfSigned(first);
            case "public-key" -> checkWithPublicKey(first, testCase.publicKeyFile());
            default -> throw new IllegalArgumentException("unknown check " + testCase.check() + " in " + testCase);
        }
        return first;
    }

    private void checkInDatabase(List<Assertion> assertions) throws AssertionException, IOException {
        AssertionDatabase database = database();
        database.addAll(assertions.subList(1, assertions.size()), Instant.now());
        database.check(assertions.get(0), Instant.now());
    }

    private void checkSelfSigned(Assertion assertion) throws AssertionException, IOException {
        AssertionVerifier.verifySelfSigned(assertion);
        if (assertion.type() == AssertionType.ACCOUNT_KEY_REQUEST) {
            AssertionDatabase database = database();
            String accountId = assertion.headerString("account-id");
            if (database.find(AssertionType.ACCOUNT, List.of(accountId)).isPresent()) {
                database.check(assertion, Instant.now());
            }
        }
    }

    private void checkWithPublicKey(Assertion assertion, String keyFile)
            throws AssertionVerificationException, IOException {
        String text = Files.readString(folder.resolve(keyFile), StandardCharsets.US_ASCII).strip();
        AssertionPublicKey key = AssertionPublicKey.decode(text);
        if (!key.id().equals(assertion.signKeyId())) {
            throw new AssertionVerificationException("the assertion names signing key " + assertion.signKeyId()
                    + " but " + keyFile + " holds key " + key.id());
        }
        AssertionVerifier.verifySignature(assertion, key);
    }

    /** Opens a database with the manifest's trusted assertions and its known ones added. */
    AssertionDatabase database() throws AssertionException, IOException {
        AssertionDatabase database = new AssertionDatabase(readAll(manifest.trusted()));
        database.addAll(readAll(manifest.known()), Instant.now());
        return database;
    }

    private List<Assertion> readAll(List<String> files) throws AssertionFormatException, IOException {
        List<Assertion> assertions = new ArrayList<>();
        for (String file : files == null ? List.<String>of() : files) {
            assertions.addAll(AssertionStreamDecoder.decodeAll(Files.readAllBytes(folder.resolve(file))));
        }
        return assertions;
    }
}
