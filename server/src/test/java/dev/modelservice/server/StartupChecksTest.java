package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import dev.modelservice.store.ModelSettings;
import dev.modelservice.store.NewModel;
import dev.modelservice.store.NewSigningKey;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What run checks once the store and the signer have started, on the test token and an HSQLDB file. */
@ExtendWith(HsmResolver.class)
class StartupChecksTest {
    /** A CKA_ID that no key in the test token has: the plugin issues random 16-byte ones. */
    private static final String ABSENT_HANDLE = "00000000000000000000000000000000";

    @TempDir
    Path folder;

    /**
     * Records brand acme, a signing key of {@code provider} with {@code handle} and a public key
     * of a software key, and a model whose serial policy names that key; returns the key's id.
     */
    private static String recordPolicy(ServiceConfiguration configuration, String keyName, String provider,
            String handle, String model) throws Exception {
        ModelService.init(configuration, "acme", "Acme Corp");
        AssertionPublicKey publicKey = StoreKeys.otherKey();
        try (Store store = StoreFactory.open(configuration.storeSettings())) {
            store.signingKeys().create(new NewSigningKey(keyName, publicKey.id(), "acme", provider, handle,
                    publicKey.encode()));
            store.models().create(new NewModel("acme", model, model + "-api-key", ModelSettings.DEFAULT));
            store.serialPolicies().create("acme", model, publicKey.id());
        }
        return publicKey.id();
    }

    @Test
    void policyKeyMissingFromTokenStopsStart(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        String keyId = recordPolicy(configuration, "vanished-key", "pkcs11", ABSENT_HANDLE, "gateway");
        ModelService service = ModelService.create(configuration);

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().startsWith("the start-up check failed: signing key 'vanished-key' (key id "
                + keyId + ") of the active serial policy, revision 1, of model acme/gateway is missing: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("model-admin create serial-policy --model MODEL --key KEY"), e.getMessage());
        assertInstanceOf(StartupCheckException.class, service.failure().orElseThrow());
        assertEquals(ModelService.State.FAILED, service.state());
    }

    @Test
    void uninitialisedDataDirStopsStart(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder.resolve("never-initialised")).build();
        ModelService service = ModelService.create(configuration);

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().contains("there is no database in " + configuration.embeddedDatabaseFolder()),
                e.getMessage());
        assertFalse(Files.exists(configuration.embeddedDatabaseFolder()), "an empty database was created");
    }

    @Test
    void databaseWithoutBrandStopsStart(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        StoreFactory.open(configuration.storeSettings()).close();
        ModelService service = ModelService.create(configuration);

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().contains("the database serves no brand yet"), e.getMessage());
    }

    @Test
    void policyKeyOfOtherProviderStopsStart(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        recordPolicy(configuration, "vendor-key", "vendor", "slot-3-key-7", "router");
        ModelService service = ModelService.create(configuration);

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().contains("of model acme/router is kept by signer provider vendor, but the service"
                + " runs signer provider pkcs11"), e.getMessage());
    }

    @Test
    void policyKeyInTokenPassesStart(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        InitResult init = ModelService.init(configuration, "acme", "Acme Corp");
        String token = Files.readString(init.adminTokenFile()).strip();
        try (ModelService first = ModelService.create(configuration)) {
            first.start();
            AdminClient admin = new AdminClient(first.adminUri(), token);
            String keyId = admin.post("/v1/keys", Map.of("name", "startup-present-key", "bits", 2048)).json()
                    .get("sha3-384").asText();
            admin.post("/v1/models", Map.of("name", "startup-model", "api-key", "startup-model-api-key"));
            assertEquals(201, admin.post("/v1/models/startup-model/serial-policies", Map.of("key", keyId)).status());
        }

        try (ModelService second = ModelService.create(configuration)) {
            second.start();

            assertEquals(ModelService.State.RUNNING, second.state());
        }
    }

    @Test
    void wrongPinNamesWhereSignerSettingsComeFrom(SoftHsm hsm) throws Exception {
        Path wrongPin = Files.writeString(folder.resolve("wrong.pin"), "0000-wrong\n");
        StringBuilder text = new StringBuilder("data-dir = data\nadmin.port = 0\ndevice.host = 127.0.0.1\n"
                + "device.port = 0\n");
        hsm.signerSettings().forEach((name, value) ->
                text.append("signer.pkcs11.").append(name).append(" = ").append(value).append('\n'));
        Path file = Files.writeString(folder.resolve("model-service.conf"), text);
        ServiceConfiguration configuration = ServiceConfiguration.load(file,
                Map.of("MODEL_SERVICE_SIGNER_PKCS11_PIN_FILE", wrongPin.toString()));
        ModelService.init(configuration, "acme", "Acme Corp");
        ModelService service = ModelService.create(configuration);

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().startsWith("the signer failed: C_Login to token " + TestHsm.TOKEN_LABEL),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(the signer's settings are the signer.pkcs11.* keys of " + file
                + ", with signer.pkcs11.pin-file from environment variable MODEL_SERVICE_SIGNER_PKCS11_PIN_FILE)"),
                e.getMessage());
        assertEquals(SignerException.Kind.CONFIGURATION, ((SignerException) service.failure().orElseThrow()).kind());
    }
}
