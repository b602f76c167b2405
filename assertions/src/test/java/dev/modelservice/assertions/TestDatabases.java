package dev.modelservice.assertions;

import java.time.Instant;
import java.util.List;

/** Assertion databases over the corpus's roots of trust. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** Opens a database on the corpus's test root (keys/trusted.assert) with keys/chain.assert added. */
    public static AssertionDatabase corpusKeys() throws AssertionVerificationException {
        AssertionDatabase database = new AssertionDatabase(FixtureCorpus.decodeAll("keys/trusted.assert"));
        for (Assertion assertion : FixtureCorpus.decodeAll("keys/chain.assert")) {
            database.add(assertion, Instant.now());
        }
        return database;
    }

    /**
     * Opens a database on Canonical's real root, as compiled into snapd, with the generic
     * account and its models key added.
     */
    public static AssertionDatabase canonical() throws AssertionVerificationException {
        AssertionDatabase database = new AssertionDatabase(List.of(
                only("real-canonical-account.assert"), only("real-canonical-root-account-key.assert")));
        database.add(only("real-generic-account.assert"), Instant.now());
        database.add(only("real-generic-models-account-key.assert"), Instant.now());
        return database;
    }

    private static Assertion only(String file) {
        return FixtureCorpus.decodeAll(file).get(0);
    }
}
