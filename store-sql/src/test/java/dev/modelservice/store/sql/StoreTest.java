package dev.modelservice.store.sql;

import static dev.modelservice.store.sql.Fixtures.BRAND;
import static dev.modelservice.store.sql.Fixtures.OTHER_BRAND;
import static dev.modelservice.store.sql.Fixtures.keyId;
import static dev.modelservice.store.sql.Fixtures.model;
import static dev.modelservice.store.sql.Fixtures.serialEntry;
import static dev.modelservice.store.sql.Fixtures.signingKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelservice.store.AccountKey;
import dev.modelservice.store.AdminToken;
import dev.modelservice.store.AuditEntry;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.IssuedAdminToken;
import dev.modelservice.store.Model;
import dev.modelservice.store.ModelSettings;
import dev.modelservice.store.NewModel;
import dev.modelservice.store.NewSigningKey;
import dev.modelservice.store.NewSigningLogEntry;
import dev.modelservice.store.Nonce;
import dev.modelservice.store.NoncePurger;
import dev.modelservice.store.NonceRejectedException;
import dev.modelservice.store.NonceStatus;
import dev.modelservice.store.PoolSettings;
import dev.modelservice.store.RecordCounts;
import dev.modelservice.store.RecordNotFoundException;
import dev.modelservice.store.SerialConflictException;
import dev.modelservice.store.SerialPolicy;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.SigningLogQuery;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreException;
import dev.modelservice.store.StoreFactory;
import dev.modelservice.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every store operation, on an embedded HSQLDB database and on a real PostgreSQL server. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@ExtendWith(PostgresServerExtension.class)
class StoreTest {

    static final Instant START = Instant.parse("2026-03-01T12:00:00.123456789Z");

    @Parameter
    TestDatabase database;

    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(START);
    PostgresServer postgres;
    StoreSettings settings;
    Store store;

    @BeforeEach
    void openStore(PostgresServer postgresServer) {
        postgres = postgresServer;
        settings = database.createEmpty(folder, postgres)
                .withClock(clock)
                .withPool(new PoolSettings(20, Duration.ofSeconds(10)));
        store = StoreFactory.open(settings);
        store.brandAccounts().create(BRAND, "Brand One");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Records a signing key of {@link Fixtures#BRAND} and a model with it as its active key. */
    SigningKey keyAndModelWithPolicy(String keyName, String modelName) {
        SigningKey key = store.signingKeys().create(signingKey(keyName, BRAND));
        store.models().create(model(BRAND, modelName));
        store.serialPolicies().create(BRAND, modelName, key.keyId());
        return key;
    }

    @Nested
    class BrandAccounts {

        @Test
        void createdAccountIsFound() {
            BrandAccount found = store.brandAccounts().find(BRAND).orElseThrow();

            assertEquals("Brand One", found.displayName());
            assertEquals(START.truncatedTo(ChronoUnit.MICROS), found.createdAt());
        }

        @Test
        void duplicateAccountIsRejected() {
            DuplicateRecordException e = assertThrows(DuplicateRecordException.class,
                    () -> store.brandAccounts().create(BRAND, "Again"));

            assertEquals("brand account 'brand-one' exists already", e.getMessage());
        }

        @Test
        void listIsOrderedByAccountId() {
            store.brandAccounts().create("a-brand", "A");

            List<String> ids = store.brandAccounts().list().stream().map(BrandAccount::accountId).toList();

            assertEquals(List.of("a-brand", BRAND), ids);
        }

        @Test
        void unknownAccountIsEmpty() {
            assertTrue(store.brandAccounts().find("nobody").isEmpty());
        }

        @Test
        void newAccountHasNoAccountAssertion() {
            assertTrue(store.brandAccounts().findAccountAssertion(BRAND).isEmpty());
        }

        @Test
        void accountAssertionIsReplaced() {
            store.brandAccounts().setAccountAssertion(BRAND, "type: account\nrevision: 1\n");
            store.brandAccounts().setAccountAssertion(BRAND, "type: account\nrevision: 2\n");

            assertEquals("type: account\nrevision: 2\n", store.brandAccounts().findAccountAssertion(BRAND).orElseThrow());
        }

        @Test
        void accountAssertionOfUnknownBrandIsRejected() {
            RecordNotFoundException e = assertThrows(RecordNotFoundException.class,
                    () -> store.brandAccounts().setAccountAssertion("nobody", "type: account\n"));

            assertEquals("brand account 'nobody' does not exist", e.getMessage());
        }
    }

    @Nested
    class SigningKeys {

        @Test
        void createdKeyIsFound() {
            SigningKey created = store.signingKeys().create(signingKey("test-key", BRAND));

            assertEquals(Optional.of(created), store.signingKeys().findByName("test-key"));
            assertEquals(Optional.of(created), store.signingKeys().findByKeyId(created.keyId()));
        }

        @Test
        void newKeyHasNoAccountKey() {
            SigningKey created = store.signingKeys().create(signingKey("test-key", BRAND));

            assertTrue(created.accountKey().isEmpty());
        }

        @Test
        void duplicateNameIsRejected() {
            store.signingKeys().create(signingKey("test-key", BRAND));
            var sameName = new NewSigningKey("test-key", keyId("other"), BRAND, "pkcs11", "h", "pk");

            DuplicateRecordException e = assertThrows(DuplicateRecordException.class,
                    () -> store.signingKeys().create(sameName));

            assertEquals("signing key name 'test-key' is taken; choose another name", e.getMessage());
        }

        @Test
        void duplicateKeyIdIsRejected() {
            SigningKey first = store.signingKeys().create(signingKey("test-key", BRAND));
            var sameKey = new NewSigningKey("renamed", first.keyId(), BRAND, "pkcs11", "h", "pk");

            DuplicateRecordException e = assertThrows(DuplicateRecordException.class,
                    () -> store.signingKeys().create(sameKey));

            assertEquals("signing key " + first.keyId() + " is recorded already", e.getMessage());
        }

        @Test
        void keyOfUnknownBrandIsRejected() {
            RecordNotFoundException e = assertThrows(RecordNotFoundException.class,
                    () -> store.signingKeys().create(signingKey("test-key", "nobody")));

            assertEquals("brand account 'nobody' is not recorded; record the brand before its keys", e.getMessage());
        }

        @Test
        void listIsOrderedByName() {
            store.signingKeys().create(signingKey("zeta", BRAND));
            store.signingKeys().create(signingKey("alpha", BRAND));

            List<String> names = store.signingKeys().list().stream().map(SigningKey::name).toList();

            assertEquals(List.of("alpha", "zeta"), names);
        }

        @Test
        void accountKeyIsStoredOnTheKey() {
            SigningKey key = store.signingKeys().create(signingKey("test-key", BRAND));

            SigningKey updated = store.signingKeys().setAccountKey(key.keyId(), "type: account-key\n...");

            assertEquals(Optional.of("type: account-key\n..."), updated.accountKey());
            assertEquals(updated, store.signingKeys().findByKeyId(key.keyId()).orElseThrow());
        }

        @Test
        void accountKeyForUnknownKeyIsRejected() {
            assertThrows(RecordNotFoundException.class,
                    () -> store.signingKeys().setAccountKey(keyId("unknown"), "type: account-key\n..."));
        }

        @Test
        void invalidKeyIdIsRejectedBeforeSql() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NewSigningKey("k", "short", BRAND, "pkcs11", "h", "pk"));

            assertEquals("signing key id 'short' is not a SHA3-384 key id: expected 64 characters of unpadded base64url",
                    e.getMessage());
        }
    }

    @Nested
    class Models {

        @Test
        void createdModelIsFound() {
            Model created = store.models().create(model(BRAND, "model-a"));

            assertEquals(Optional.of(created), store.models().find(BRAND, "model-a"));
            assertEquals(Optional.of(created), store.models().findByApiKey("model-a-apikey"));
        }

        @Test
        void unknownApiKeyFindsNothing() {
            store.models().create(model(BRAND, "model-a"));

            assertTrue(store.models().findByApiKey("model-b-apikey").isEmpty());
        }

        @Test
        void duplicateNameInBrandIsRejected() {
            store.models().create(model(BRAND, "model-a"));
            NewModel again = new NewModel(BRAND, "model-a", "another-key", ModelSettings.DEFAULT);

            DuplicateRecordException e = assertThrows(DuplicateRecordException.class, () -> store.models().create(again));

            assertEquals("model 'model-a' of brand 'brand-one' exists already", e.getMessage());
        }

        @Test
        void sameNameInAnotherBrandIsAccepted() {
            store.brandAccounts().create(OTHER_BRAND, "Brand Two");
            store.models().create(model(BRAND, "model-a"));

            Model other = store.models().create(new NewModel(OTHER_BRAND, "model-a", "other-key", ModelSettings.DEFAULT));

            assertEquals(OTHER_BRAND, other.brandAccountId());
        }

        @Test
        void duplicateApiKeyIsRejectedWithoutShowingIt() {
            store.models().create(model(BRAND, "model-a"));
            NewModel sameKey = new NewModel(BRAND, "model-b", "model-a-apikey", ModelSettings.DEFAULT);

            DuplicateRecordException e = assertThrows(DuplicateRecordException.class, () -> store.models().create(sameKey));

            assertEquals("the API key of model 'model-b' is used by another model; choose another key", e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains("model-a-apikey"), "the cause shows the API key");
        }

        @Test
        void modelOfUnknownBrandIsRejected() {
            assertThrows(RecordNotFoundException.class, () -> store.models().create(model("nobody", "model-a")));
        }

        @Test
        void serialFormatIsStored() {
            store.models().create(model(BRAND, "model-a"));
            ModelSettings settings = new ModelSettings(true, false, "ACME-{hex:16}");

            store.models().updateSettings(BRAND, "model-a", settings);

            assertEquals(settings, store.models().find(BRAND, "model-a").orElseThrow().settings());
        }

        @Test
        void settingsAreUpdated() {
            store.models().create(model(BRAND, "model-a"));

            Model updated = store.models().updateSettings(BRAND, "model-a", new ModelSettings(true, true));

            assertEquals(new ModelSettings(true, true), updated.settings());
            assertEquals(updated, store.models().find(BRAND, "model-a").orElseThrow());
        }

        @Test
        void settingsOfUnknownModelAreRejected() {
            RecordNotFoundException e = assertThrows(RecordNotFoundException.class,
                    () -> store.models().updateSettings(BRAND, "nope", ModelSettings.DEFAULT));

            assertEquals("model 'nope' of brand 'brand-one' does not exist", e.getMessage());
        }

        @Test
        void listShowsOnlyTheBrandsModelsByName() {
            store.brandAccounts().create(OTHER_BRAND, "Brand Two");
            store.models().create(model(BRAND, "model-b"));
            store.models().create(model(BRAND, "model-a"));
            store.models().create(new NewModel(OTHER_BRAND, "model-c", "c-key", ModelSettings.DEFAULT));

            List<String> names = store.models().list(BRAND).stream().map(Model::name).toList();

            assertEquals(List.of("model-a", "model-b"), names);
        }

        @Test
        void deleteKeepsSigningLog() {
            keyAndModelWithPolicy("test-key", "model-a");
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();
            store.signingLog().record(nonce, serialEntry("model-a", "serial-1", 0, "device-1", START));

            assertTrue(store.models().delete(BRAND, "model-a"));

            assertTrue(store.models().find(BRAND, "model-a").isEmpty());
            assertEquals(List.of(), store.serialPolicies().list(BRAND, "model-a"));
            assertEquals(1, store.signingLog().findSerial(BRAND, "model-a", "serial-1").size());
        }

        @Test
        void deletingUnknownModelReturnsFalse() {
            assertFalse(store.models().delete(BRAND, "nope"));
        }

        @Test
        void toStringLeavesApiKeyOut() {
            Model created = store.models().create(model(BRAND, "model-a"));

            assertFalse(created.toString().contains("model-a-apikey"));
        }
    }

    @Nested
    class SerialPolicies {

        @Test
        void firstPolicyIsRevisionOne() {
            SigningKey key = store.signingKeys().create(signingKey("test-key", BRAND));
            store.models().create(model(BRAND, "model-a"));

            SerialPolicy policy = store.serialPolicies().create(BRAND, "model-a", key.keyId());

            assertEquals(1, policy.revision());
            assertEquals(key, policy.signingKey());
        }

        @Test
        void newestRevisionIsActive() {
            keyAndModelWithPolicy("test-key", "model-a");
            SigningKey newKey = store.signingKeys().create(signingKey("new-key", BRAND));

            SerialPolicy second = store.serialPolicies().create(BRAND, "model-a", newKey.keyId());

            assertEquals(2, second.revision());
            assertEquals(Optional.of(second), store.serialPolicies().findActive(BRAND, "model-a"));
        }

        @Test
        void historyIsKeptInRevisionOrder() {
            SigningKey first = keyAndModelWithPolicy("test-key", "model-a");
            SigningKey second = store.signingKeys().create(signingKey("new-key", BRAND));
            store.serialPolicies().create(BRAND, "model-a", second.keyId());

            List<SerialPolicy> history = store.serialPolicies().list(BRAND, "model-a");

            assertEquals(List.of(1, 2), history.stream().map(SerialPolicy::revision).toList());
            assertEquals(List.of(first, second), history.stream().map(SerialPolicy::signingKey).toList());
        }

        @Test
        void modelWithoutPolicyHasNoActiveOne() {
            store.models().create(model(BRAND, "model-a"));

            assertTrue(store.serialPolicies().findActive(BRAND, "model-a").isEmpty());
        }

        @Test
        void unknownModelIsRejected() {
            SigningKey key = store.signingKeys().create(signingKey("test-key", BRAND));

            assertThrows(RecordNotFoundException.class, () -> store.serialPolicies().create(BRAND, "nope", key.keyId()));
        }

        @Test
        void unknownKeyIsRejected() {
            store.models().create(model(BRAND, "model-a"));
            String unknown = keyId("unknown");

            RecordNotFoundException e = assertThrows(RecordNotFoundException.class,
                    () -> store.serialPolicies().create(BRAND, "model-a", unknown));

            assertEquals("signing key " + unknown + " does not exist", e.getMessage());
        }

        @Test
        void keyOfAnotherBrandIsRejected() {
            store.brandAccounts().create(OTHER_BRAND, "Brand Two");
            SigningKey foreign = store.signingKeys().create(signingKey("foreign-key", OTHER_BRAND));
            store.models().create(model(BRAND, "model-a"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.serialPolicies().create(BRAND, "model-a", foreign.keyId()));

            assertTrue(e.getMessage().startsWith("signing key 'foreign-key' (" + foreign.keyId() + ") belongs to brand 'brand-two'"),
                    e.getMessage());
        }
    }

    @Nested
    class AccountKeys {

        @Test
        void importedKeyIsFound() {
            AccountKey stored = store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\nrevision: 0");

            assertEquals(Optional.of(stored), store.accountKeys().find(keyId("model signer")));
        }

        @Test
        void secondImportReplacesFirst() {
            store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\nrevision: 0");
            clock.advance(Duration.ofMinutes(1));

            AccountKey replaced = store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\nrevision: 1");

            assertEquals(List.of(replaced), store.accountKeys().list());
        }

        @Test
        void listIsOrderedByAccountThenKey() {
            store.accountKeys().put(keyId("b"), "zz-account", "type: account-key\nb");
            store.accountKeys().put(keyId("a"), "aa-account", "type: account-key\na");

            List<String> accounts = store.accountKeys().list().stream().map(AccountKey::accountId).toList();

            assertEquals(List.of("aa-account", "zz-account"), accounts);
        }

        @Test
        void deleteRemovesKey() {
            store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\n");

            assertTrue(store.accountKeys().delete(keyId("model signer")));
            assertTrue(store.accountKeys().find(keyId("model signer")).isEmpty());
            assertFalse(store.accountKeys().delete(keyId("model signer")));
        }
    }

    @Nested
    class Nonces {

        @Test
        void issuedNonceIsValidAndHas256Bits() {
            Nonce nonce = store.nonces().issue(Duration.ofMinutes(10));

            assertEquals(43, nonce.value().length());
            assertEquals(NonceStatus.VALID, store.nonces().check(nonce.value()));
        }

        @Test
        void issuedNoncesDiffer() {
            assertNotEquals(store.nonces().issue(Duration.ofMinutes(10)).value(),
                    store.nonces().issue(Duration.ofMinutes(10)).value());
        }

        @Test
        void nonceIsConsumedOnce() {
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();

            assertEquals(NonceStatus.VALID, store.nonces().consume(nonce));
            assertEquals(NonceStatus.USED, store.nonces().consume(nonce));
            assertEquals(NonceStatus.USED, store.nonces().check(nonce));
        }

        @Test
        void nonceExpiresAtItsLifetime() {
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();
            clock.advance(Duration.ofMinutes(10));

            assertEquals(NonceStatus.EXPIRED, store.nonces().check(nonce));
            assertEquals(NonceStatus.EXPIRED, store.nonces().consume(nonce));
        }

        @Test
        void unknownNonceIsUnknown() {
            assertEquals(NonceStatus.UNKNOWN, store.nonces().consume("never-issued"));
        }

        @Test
        void invalidLifetimeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> store.nonces().issue(Duration.ZERO));
        }

        @Test
        void purgeDeletesOnlyExpiredNonces() {
            String early = store.nonces().issue(Duration.ofMinutes(1)).value();
            String late = store.nonces().issue(Duration.ofMinutes(30)).value();
            clock.advance(Duration.ofMinutes(10));

            int purged = store.nonces().purgeExpired(clock.instant());

            assertEquals(1, purged);
            assertEquals(NonceStatus.UNKNOWN, store.nonces().check(early));
            assertEquals(NonceStatus.VALID, store.nonces().check(late));
        }

        @Test
        void purgerKeepsNoncesForGracePeriod() {
            String nonce = store.nonces().issue(Duration.ofMinutes(1)).value();
            NoncePurger purger = new NoncePurger(store.nonces(), clock, Duration.ofMinutes(1), Duration.ofHours(1));
            clock.advance(Duration.ofMinutes(30));

            assertEquals(0, purger.purgeNow());
            assertEquals(NonceStatus.EXPIRED, store.nonces().check(nonce));

            clock.advance(Duration.ofHours(1));
            assertEquals(1, purger.purgeNow());
        }

        @Test
        void purgerPurgesInBackgroundUntilStopped() throws InterruptedException {
            String nonce = store.nonces().issue(Duration.ofMinutes(1)).value();
            clock.advance(Duration.ofMinutes(2));
            NoncePurger purger = new NoncePurger(store.nonces(), clock, Duration.ofMillis(20), Duration.ZERO);

            purger.start();
            assertEquals(NoncePurger.State.RUNNING, purger.state());
            awaitStatus(nonce, NonceStatus.UNKNOWN);
            purger.stop();

            assertEquals(NoncePurger.State.STOPPED, purger.state());
            assertTrue(purger.toString().startsWith("NoncePurger[state=STOPPED"), purger.toString());
        }

        @Test
        void purgerReportsFailureWhileStoreIsClosed() throws InterruptedException {
            NoncePurger purger = new NoncePurger(store.nonces(), clock, Duration.ofMillis(20), Duration.ZERO);
            store.close();

            purger.start();
            awaitState(purger, NoncePurger.State.FAILING);
            purger.stop();

            assertEquals(NoncePurger.State.STOPPED, purger.state());
        }

        /** Polls because the purge runs on its own thread; the deadline only bounds a broken purger. */
        private void awaitStatus(String nonce, NonceStatus expected) throws InterruptedException {
            for (int i = 0; i < 1000 && store.nonces().check(nonce) != expected; i++) {
                Thread.sleep(10);
            }
            assertEquals(expected, store.nonces().check(nonce));
        }

        private void awaitState(NoncePurger purger, NoncePurger.State expected) throws InterruptedException {
            for (int i = 0; i < 1000 && purger.state() != expected; i++) {
                Thread.sleep(10);
            }
            assertEquals(expected, purger.state());
        }
    }

    @Nested
    class SigningLog {

        private String newNonce() {
            return store.nonces().issue(Duration.ofMinutes(10)).value();
        }

        @Test
        void recordConsumesNonceAndStoresEntry() {
            String nonce = newNonce();
            NewSigningLogEntry entry = serialEntry("model-a", "serial-1", 0, "device-1", START);

            SigningLogEntry recorded = store.signingLog().record(nonce, entry);

            assertEquals(NonceStatus.USED, store.nonces().check(nonce));
            assertEquals(Optional.of(recorded), store.signingLog().find(recorded.id()));
            assertEquals(entry.serialAssertion(), recorded.serialAssertion());
            assertEquals(nonce, recorded.requestId());
        }

        @Test
        void usedNonceRecordsNothing() {
            String nonce = newNonce();
            store.nonces().consume(nonce);

            NonceRejectedException e = assertThrows(NonceRejectedException.class,
                    () -> store.signingLog().record(nonce, serialEntry("model-a", "serial-1", 0, "device-1", START)));

            assertEquals(NonceStatus.USED, e.status());
            assertEquals(0, store.counts().signingLogEntries());
        }

        @Test
        void expiredNonceRecordsNothing() {
            String nonce = newNonce();
            clock.advance(Duration.ofHours(1));

            NonceRejectedException e = assertThrows(NonceRejectedException.class,
                    () -> store.signingLog().record(nonce, serialEntry("model-a", "serial-1", 0, "device-1", START)));

            assertEquals("request-id '" + nonce + "' has expired; ask for a new request-id", e.getMessage());
        }

        @Test
        void takenSerialRevisionIsRejected() {
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 0, "device-1", START));
            String nonce = newNonce();

            SerialConflictException e = assertThrows(SerialConflictException.class,
                    () -> store.signingLog().record(nonce, serialEntry("model-a", "serial-1", 0, "device-2", START)));

            assertEquals(SerialConflictException.Reason.SERIAL_REVISION_TAKEN, e.reason());
            assertEquals("serial 'serial-1' revision 0 of model 'model-a' of brand 'brand-one' is already signed;"
                    + " look it up in the signing log", e.getMessage());
            assertEquals(NonceStatus.VALID, store.nonces().check(nonce));
        }

        @Test
        void newRevisionForAnotherDeviceIsAccepted() {
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 0, "device-1", START));

            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 1, "device-2", START));

            List<SigningLogEntry> revisions = store.signingLog().findSerial(BRAND, "model-a", "serial-1");
            assertEquals(List.of(0, 1), revisions.stream().map(SigningLogEntry::revision).toList());
        }

        @Test
        void deviceKeyGetsOneSerialPerModel() {
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 0, "device-1", START));

            SerialConflictException e = assertThrows(SerialConflictException.class,
                    () -> store.signingLog().record(newNonce(), serialEntry("model-a", "serial-2", 0, "device-1", START)));

            assertEquals(SerialConflictException.Reason.DEVICE_KEY_REGISTERED, e.reason());
        }

        @Test
        void deviceKeyMayHoldSerialsOfTwoModels() {
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 0, "device-1", START));

            SigningLogEntry remodelled = store.signingLog().record(newNonce(),
                    serialEntry("model-b", "serial-1", 0, "device-1", START));

            assertEquals("model-b", remodelled.modelName());
        }

        @Test
        void entryIsFoundByDeviceKey() {
            SigningLogEntry recorded = store.signingLog().record(newNonce(),
                    serialEntry("model-a", "serial-1", 0, "device-1", START));

            assertEquals(Optional.of(recorded),
                    store.signingLog().findByDeviceKey(BRAND, "model-a", keyId("device device-1")));
            assertTrue(store.signingLog().findByDeviceKey(BRAND, "model-b", keyId("device device-1")).isEmpty());
        }

        @Test
        void deletedEntryLetsDeviceRegisterAgain() {
            SigningLogEntry first = store.signingLog().record(newNonce(),
                    serialEntry("model-a", "serial-1", 0, "device-1", START));

            assertTrue(store.signingLog().delete(first.id()));
            SigningLogEntry again = store.signingLog().record(newNonce(),
                    serialEntry("model-a", "serial-1", 0, "device-1", START));

            assertNotEquals(first.id(), again.id());
            assertFalse(store.signingLog().delete(first.id()));
        }

        @Test
        void queryFiltersByModelSerialAndTime() {
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-1", 0, "device-1", START));
            store.signingLog().record(newNonce(), serialEntry("model-a", "serial-2", 0, "device-2", START.plusSeconds(60)));
            store.signingLog().record(newNonce(), serialEntry("model-b", "serial-1", 0, "device-3", START.plusSeconds(120)));
            SigningLogQuery newest = SigningLogQuery.newest(100);

            assertEquals(List.of("device-3", "device-2", "device-1"), devices(store.signingLog().query(newest)));
            assertEquals(List.of("device-2", "device-1"), devices(store.signingLog().query(newest.withModel(BRAND, "model-a"))));
            assertEquals(List.of("device-3", "device-1"), devices(store.signingLog().query(newest.withSerial("serial-1"))));
            assertEquals(List.of("device-3", "device-2"), devices(store.signingLog().query(newest.withSince(START.plusSeconds(60)))));
            assertEquals(List.of("device-1"),
                    devices(store.signingLog().query(newest.withModel(BRAND, "model-a").withSerial("serial-1"))));
            assertEquals(List.of("device-3"), devices(store.signingLog().query(SigningLogQuery.newest(1))));
            assertEquals(List.of(), devices(store.signingLog().query(newest.withBrand(OTHER_BRAND))));
        }

        @Test
        void queryOfModelNeedsBrand() {
            assertThrows(IllegalArgumentException.class, () -> new SigningLogQuery(null, "model-a", null, null, 10));
        }

        @Test
        void entryWithoutClientAddressIsStored() {
            NewSigningLogEntry full = serialEntry("model-a", "serial-1", 0, "device-1", START);
            NewSigningLogEntry noAddress = new NewSigningLogEntry(full.brandAccountId(), full.modelName(), full.serial(),
                    full.revision(), full.deviceKeyId(), full.signingKeyId(), full.signedAt(), null, full.serialAssertion());

            SigningLogEntry recorded = store.signingLog().record(newNonce(), noAddress);

            assertNull(store.signingLog().find(recorded.id()).orElseThrow().clientAddress());
        }

        /** Names the device of each entry by the signature text that {@link Fixtures#serialEntry} writes. */
        private List<String> devices(List<SigningLogEntry> entries) {
            return entries.stream()
                    .map(entry -> entry.serialAssertion().substring(entry.serialAssertion().indexOf("SIGNATURE-OF-") + 13))
                    .toList();
        }
    }

    @Nested
    class AdminTokens {

        @Test
        void createdTokenAuthenticates() {
            IssuedAdminToken issued = store.adminTokens().create("alice");

            assertEquals(Optional.of(issued.token()), store.adminTokens().authenticate(issued.secret()));
        }

        @Test
        void wrongSecretIsRejected() {
            IssuedAdminToken issued = store.adminTokens().create("alice");

            assertTrue(store.adminTokens().authenticate(issued.secret() + "x").isEmpty());
            assertTrue(store.adminTokens().authenticate("").isEmpty());
            assertTrue(store.adminTokens().authenticate(null).isEmpty());
        }

        @Test
        void revokedTokenIsRejectedButListed() {
            IssuedAdminToken issued = store.adminTokens().create("alice");

            assertTrue(store.adminTokens().revoke("alice"));

            assertTrue(store.adminTokens().authenticate(issued.secret()).isEmpty());
            assertTrue(store.adminTokens().find("alice").orElseThrow().revoked());
            assertFalse(store.adminTokens().revoke("alice"));
        }

        @Test
        void duplicateNameIsRejected() {
            store.adminTokens().create("alice");

            assertThrows(DuplicateRecordException.class, () -> store.adminTokens().create("alice"));
        }

        @Test
        void listIsOrderedByName() {
            store.adminTokens().create("bob");
            store.adminTokens().create("alice");

            assertEquals(List.of("alice", "bob"), store.adminTokens().list().stream().map(AdminToken::name).toList());
        }

        @Test
        void databaseHoldsDigestNotSecret() throws SQLException {
            IssuedAdminToken issued = store.adminTokens().create("alice");

            String stored = queryOneText("SELECT token_hash FROM admin_tokens WHERE name = ?", "alice");

            assertEquals(Secrets.sha256(issued.secret()), stored);
            assertNotEquals(issued.secret(), stored);
        }

        @Test
        void toStringLeavesSecretOut() {
            IssuedAdminToken issued = store.adminTokens().create("alice");

            assertFalse(issued.toString().contains(issued.secret()));
        }
    }

    @Nested
    class AuditLog {

        @Test
        void entriesAreListedNewestFirst() {
            store.auditLog().append("alice", "create-model", "model-a", null);
            clock.advance(Duration.ofSeconds(1));
            store.auditLog().append("bob", "delete-model", "model-a", "had 0 serials");

            List<AuditEntry> entries = store.auditLog().list(null, 10);

            assertEquals(List.of("bob", "alice"), entries.stream().map(AuditEntry::tokenName).toList());
            assertEquals("had 0 serials", entries.get(0).details());
        }

        @Test
        void sinceAndLimitFilterEntries() {
            store.auditLog().append("alice", "create-key", "k1", null);
            clock.advance(Duration.ofMinutes(1));
            Instant cut = clock.instant();
            store.auditLog().append("alice", "create-key", "k2", null);
            store.auditLog().append("alice", "create-key", "k3", null);

            assertEquals(List.of("k3", "k2"), subjects(store.auditLog().list(cut, 10)));
            assertEquals(List.of("k3"), subjects(store.auditLog().list(null, 1)));
        }

        @Test
        void changeAndEntryCommitTogether() {
            store.inTransaction(records -> {
                records.models().create(model(BRAND, "model-a"));
                return records.auditLog().append("alice", "create-model", "model-a", null);
            });

            assertTrue(store.models().find(BRAND, "model-a").isPresent());
            assertEquals(List.of("model-a"), subjects(store.auditLog().list(null, 10)));
        }

        @Test
        void failedChangeLeavesNoEntry() {
            store.models().create(model(BRAND, "model-a"));

            assertThrows(DuplicateRecordException.class, () -> store.inTransaction(records -> {
                records.auditLog().append("alice", "create-model", "model-a", null);
                return records.models().create(model(BRAND, "model-a"));
            }));

            assertEquals(List.of(), store.auditLog().list(null, 10));
        }

        @Test
        void exceptionFromWorkRollsBack() {
            assertThrows(IllegalStateException.class, () -> store.inTransaction(records -> {
                records.models().create(model(BRAND, "model-a"));
                throw new IllegalStateException("caller gave up");
            }));

            assertTrue(store.models().find(BRAND, "model-a").isEmpty());
        }

        private List<String> subjects(List<AuditEntry> entries) {
            return entries.stream().map(AuditEntry::subject).toList();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void countsEveryKindOfRecord() {
            keyAndModelWithPolicy("test-key", "model-a");
            store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\n");
            store.signingLog().record(store.nonces().issue(Duration.ofMinutes(1)).value(),
                    serialEntry("model-a", "serial-1", 0, "device-1", START));
            store.adminTokens().create("alice");
            store.adminTokens().create("bob");
            store.adminTokens().revoke("bob");

            assertEquals(new RecordCounts(1, 1, 1, 1, 1, 1, 1), store.counts());
        }

        @Test
        void openStoreIsAvailable() {
            store.checkAvailable();

            assertTrue(store.toString().contains("schema 3, open"), store.toString());
        }

        @Test
        void closedStoreIsUnavailable() {
            store.close();

            assertThrows(StoreException.class, store::checkAvailable);
            assertTrue(store.toString().endsWith("closed]"), store.toString());
        }

        @Test
        void reopenedStoreHasEveryRecord() {
            SigningKey key = keyAndModelWithPolicy("test-key", "model-a");
            SigningKey withAccountKey = store.signingKeys().setAccountKey(key.keyId(), "type: account-key\n");
            AccountKey accountKey = store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\n");
            String usedNonce = store.nonces().issue(Duration.ofMinutes(10)).value();
            SigningLogEntry entry = store.signingLog().record(usedNonce, serialEntry("model-a", "serial-1", 0, "device-1", START));
            String freshNonce = store.nonces().issue(Duration.ofMinutes(10)).value();
            IssuedAdminToken token = store.adminTokens().create("alice");
            AuditEntry audit = store.auditLog().append("alice", "create-model", "model-a", null);
            Model model = store.models().find(BRAND, "model-a").orElseThrow();
            SerialPolicy policy = store.serialPolicies().findActive(BRAND, "model-a").orElseThrow();

            store.close();
            store = StoreFactory.open(settings);

            assertEquals(Optional.of(withAccountKey), store.signingKeys().findByName("test-key"));
            assertEquals(Optional.of(model), store.models().findByApiKey("model-a-apikey"));
            assertEquals(Optional.of(policy), store.serialPolicies().findActive(BRAND, "model-a"));
            assertEquals(List.of(accountKey), store.accountKeys().list());
            assertEquals(Optional.of(entry), store.signingLog().find(entry.id()));
            assertEquals(NonceStatus.USED, store.nonces().check(usedNonce));
            assertEquals(NonceStatus.VALID, store.nonces().check(freshNonce));
            assertEquals(Optional.of(token.token()), store.adminTokens().authenticate(token.secret()));
            assertEquals(List.of(audit), store.auditLog().list(null, 10));
            assertEquals(1, store.brandAccounts().list().size());
        }
    }

    @Nested
    class Concurrency {

        private static final int THREADS = 16;

        @Test
        void oneNonceConsumedOnce() throws Exception {
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();

            List<NonceStatus> results = runTogether(THREADS, thread -> store.nonces().consume(nonce));

            assertEquals(1, results.stream().filter(status -> status == NonceStatus.VALID).count());
            assertEquals(THREADS - 1, results.stream().filter(status -> status == NonceStatus.USED).count());
        }

        @Test
        void oneNonceRecordsOneSerial() throws Exception {
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();

            List<String> results = runTogether(THREADS, thread -> {
                try {
                    store.signingLog().record(nonce, serialEntry("model-a", "serial-" + thread, 0, "device-" + thread, START));
                    return "recorded";
                } catch (NonceRejectedException e) {
                    return e.status().name();
                }
            });

            assertEquals(1, results.stream().filter("recorded"::equals).count());
            assertEquals(THREADS - 1, results.stream().filter("USED"::equals).count());
            assertEquals(1, store.counts().signingLogEntries());
        }

        @Test
        void racingSerialsLeaveOneRow() throws Exception {
            List<String> nonces = List.of(store.nonces().issue(Duration.ofMinutes(10)).value(),
                    store.nonces().issue(Duration.ofMinutes(10)).value());
            CyclicBarrier bothInTransaction = new CyclicBarrier(2);

            List<String> results = runTogether(2, thread -> {
                AtomicBoolean firstAttempt = new AtomicBoolean(true);
                try {
                    store.inTransaction(records -> {
                        records.nonces().check(nonces.get(thread));
                        if (firstAttempt.getAndSet(false)) {
                            await(bothInTransaction);
                        }
                        return records.signingLog().record(nonces.get(thread),
                                serialEntry("model-a", "serial-1", 0, "device-" + thread, START));
                    });
                    return "recorded";
                } catch (SerialConflictException e) {
                    return e.reason().name();
                }
            });

            assertEquals(List.of("SERIAL_REVISION_TAKEN", "recorded"), results.stream().sorted().toList());
            assertEquals(1, store.signingLog().findSerial(BRAND, "model-a", "serial-1").size());
            assertEquals(1, nonces.stream().filter(nonce -> store.nonces().check(nonce) == NonceStatus.VALID).count(),
                    "the losing transaction's nonce is consumed");
        }

        @Test
        void concurrentPoliciesGetDistinctRevisions() throws Exception {
            SigningKey key = keyAndModelWithPolicy("test-key", "model-a");

            List<Integer> revisions = runTogether(8,
                    thread -> store.serialPolicies().create(BRAND, "model-a", key.keyId()).revision());

            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), revisions.stream().sorted().toList());
        }

        @Test
        void racingImportsLeaveOneRow() throws Exception {
            runTogether(8, thread -> store.accountKeys().put(keyId("model signer"), BRAND, "type: account-key\n" + thread));

            assertEquals(1, store.accountKeys().list().size());
        }

        /** Runs {@code task} on {@code count} threads released at the same moment and returns each result. */
        private <T> List<T> runTogether(int count, IntFunction<T> task) throws Exception {
            ExecutorService executor = Executors.newFixedThreadPool(count);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<T>> futures = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int thread = i;
                    futures.add(executor.submit(() -> {
                        start.await();
                        return task.apply(thread);
                    }));
                }
                start.countDown();
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get(60, TimeUnit.SECONDS));
                }
                return results;
            } finally {
                executor.shutdownNow();
            }
        }

        private void await(CyclicBarrier barrier) {
            try {
                barrier.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other transaction did not arrive", e);
            }
        }
    }

    @Nested
    class Migration {

        @Test
        void databaseOfFirstVersionUpgrades() throws SQLException {
            store.close();
            StoreSettings fresh = database.createEmpty(folder.resolve("v1"), postgres).withClock(clock);
            try (HikariDataSource pool = ConnectionPool.open(fresh)) {
                assertEquals("1", Migrations.migrate(pool, "1"));
                insertFirstVersionRecords(pool);
            }

            store = StoreFactory.open(fresh);

            assertTrue(store.toString().contains("schema 3"), store.toString());
            Model model = store.models().find(BRAND, "model-a").orElseThrow();
            assertEquals(new ModelSettings(true, false), model.settings());
            assertEquals("old-key", store.serialPolicies().findActive(BRAND, "model-a").orElseThrow().signingKey().name());
            assertEquals(1, store.signingLog().findSerial(BRAND, "model-a", "serial-1").size());
            assertEquals(new RecordCounts(1, 1, 1, 1, 0, 1, 0), store.counts());
        }

        @Test
        void upgradedDatabaseEnforcesOneSerialPerDeviceKey() throws SQLException {
            store.close();
            StoreSettings fresh = database.createEmpty(folder.resolve("v1"), postgres).withClock(clock);
            try (HikariDataSource pool = ConnectionPool.open(fresh)) {
                Migrations.migrate(pool, "1");
                insertFirstVersionRecords(pool);
            }
            store = StoreFactory.open(fresh);
            String nonce = store.nonces().issue(Duration.ofMinutes(10)).value();

            SerialConflictException e = assertThrows(SerialConflictException.class,
                    () -> store.signingLog().record(nonce, serialEntry("model-a", "serial-2", 0, "device-1", START)));

            assertEquals(SerialConflictException.Reason.DEVICE_KEY_REGISTERED, e.reason());
        }

        /** Writes records in the layout of schema version 1, which has no version 2 column or constraint. */
        private void insertFirstVersionRecords(HikariDataSource pool) throws SQLException {
            try (Connection connection = pool.getConnection()) {
                execute(connection, "INSERT INTO brand_accounts (account_id, display_name, created_at) VALUES (?, ?, ?)",
                        BRAND, "Brand One", START);
                execute(connection, "INSERT INTO signing_keys (name, key_id, brand_account_id, signer_provider, signer_handle,"
                        + " public_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        "old-key", keyId("signing key old-key"), BRAND, "pkcs11", "label:old-key", "AcbB", START);
                execute(connection, "INSERT INTO models (brand_account_id, name, api_key, assigns_serials, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)", BRAND, "model-a", "model-a-apikey", true, START);
                execute(connection, "INSERT INTO serial_policies (model_id, brand_account_id, revision, signing_key_id, created_at)"
                        + " SELECT m.id, m.brand_account_id, 1, k.id, ? FROM models m, signing_keys k"
                        + " WHERE m.name = ? AND k.name = ?", START, "model-a", "old-key");
                execute(connection, "INSERT INTO signing_log (brand_account_id, model_name, serial, revision, device_key_id,"
                        + " signing_key_id, request_id, signed_at, client_address, serial_assertion)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        BRAND, "model-a", "serial-1", 0, keyId("device device-1"), keyId("signing key old-key"),
                        "request-1", START, "127.0.0.1", "type: serial\n");
                connection.commit();
            }
        }

        private void execute(Connection connection, String sql, Object... values) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof Instant time) {
                        Rows.setTime(statement, i + 1, time);
                    } else {
                        statement.setObject(i + 1, values[i]);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /** Reads one text value with a plain JDBC connection, past the store. */
    String queryOneText(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "no row for " + parameter);
                return rows.getString(1);
            }
        }
    }
}
