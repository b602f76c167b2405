package dev.modelservice.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionException;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** snapd signs, our codec decodes and checks: every case must get the verdict snapd's manifest states. */
class SnapdSignedCasesTest {
    private static Path folder;
    private static CaseFolder.Manifest manifest;

    @BeforeAll
    static void letSnapdSign() throws Exception {
        folder = GoSuite.freshFolder("snapd-signed");
        GoSuite.Run run = GoSuite.sign(folder);
        if (run.exitStatus() != 0) {
            fail("snapd could not sign the cases (go/run.sh sign exited " + run.exitStatus() + "):\n" + run.output());
        }
        manifest = CaseFolder.read(folder);
    }

    @TestFactory
    Stream<DynamicTest> snapdSignedCase() {
        if (manifest.cases().isEmpty()) {
            fail("snapd's case folder lists no cases");
        }
        CaseChecker checker = new CaseChecker(folder, manifest);
        return manifest.cases().stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(),
                () -> checkCase(checker, testCase)));
    }

    private static void checkCase(CaseChecker checker, CaseFolder.Case testCase) throws Exception {
        if (!testCase.valid()) {
            AssertionException rejection = assertThrows(AssertionException.class, () -> checker.check(testCase));
            assertEquals(testCase.stage(), rejection.stage().name().toLowerCase(), rejection.getMessage());
            return;
        }

        Assertion assertion = checker.check(testCase);
        if (testCase.headers() != null) {
            assertEquals(testCase.headers(), assertion.headers(), "headers");
        }
        if (testCase.body() != null) {
            assertEquals(testCase.body(), assertion.bodyText(), "body");
        }
    }
}
