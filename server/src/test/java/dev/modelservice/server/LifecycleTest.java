package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(HsmResolver.class)
class LifecycleTest {

    /** Runs init on the configuration's database, as an admin does once before the first run. */
    private static ServiceConfiguration initialised(ServiceConfiguration configuration) {
        ModelService.init(configuration, "acme", "Acme Corp");
        return configuration;
    }

    @Test
    void newServiceIsNew(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder).build()));

        assertEquals(ModelService.State.NEW, service.state());
        assertTrue(service.toString().startsWith("ModelService[NEW"), service.toString());
    }

    @Test
    void startedServiceRunsAndStops(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder).build()));

        service.start();
        assertEquals(ModelService.State.RUNNING, service.state());
        assertEquals("127.0.0.1", service.adminUri().getHost());

        service.close();
        assertEquals(ModelService.State.STOPPED, service.state());
    }

    @Test
    void toStringShowsEachPart(SoftHsm hsm, @TempDir Path folder) {
        try (ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder).build()))) {
            service.start();

            String text = service.toString();

            assertTrue(text.contains("RUNNING"), text);
            assertTrue(text.contains("SqlStore["), text);
            assertTrue(text.contains("Pkcs11Signer[token=" + TestHsm.TOKEN_LABEL), text);
            assertTrue(text.contains("AdminListener[" + service.adminUri()), text);
        }
    }

    @Test
    void takenPortFailsStart(SoftHsm hsm, @TempDir Path folder) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ModelService service = ModelService.create(initialised(
                    TestHsm.configuration(hsm, folder).adminPort(taken.getLocalPort()).build()));

            ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

            assertTrue(e.getMessage().startsWith("the admin listener failed"), e.getMessage());
            assertEquals(ModelService.State.FAILED, service.state());
            assertInstanceOf(BindException.class, service.failure().orElseThrow().getCause());
        }
    }

    @Test
    void failedStartClosesStore(SoftHsm hsm, @TempDir Path folder) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ModelService service = ModelService.create(initialised(
                    TestHsm.configuration(hsm, folder).adminPort(taken.getLocalPort()).build()));

            assertThrows(ServiceStartException.class, service::start);

            assertTrue(service.toString().matches(".*SqlStore\\[[^]]*closed.*"), service.toString());
        }
    }

    @Test
    void unknownTokenLabelFailsSignerStart(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder)
                .signerSetting("token-label", "no-such-token").build()));

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().startsWith("the signer failed"), e.getMessage());
        assertEquals(SignerException.Kind.CONFIGURATION, ((SignerException) service.failure().orElseThrow()).kind());
    }

    @Test
    void unknownProviderFailsStart(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder)
                .signerProvider("vendor").build()));

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().contains("\"vendor\""), e.getMessage());
    }

    @Test
    void emptyPluginsDirKeepsBuiltInSigner(SoftHsm hsm, @TempDir Path folder) throws IOException {
        Path plugins = Files.createDirectory(folder.resolve("plugins"));

        try (ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder.resolve("data"))
                .pluginsDir(plugins).build()))) {
            service.start();

            assertEquals(ModelService.State.RUNNING, service.state());
        }
    }

    @Test
    void missingPluginsDirFailsStart(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder.resolve("data"))
                .pluginsDir(folder.resolve("no-plugins")).build()));

        ServiceStartException e = assertThrows(ServiceStartException.class, service::start);

        assertTrue(e.getMessage().contains("no-plugins"), e.getMessage());
    }

    @Test
    void serviceStartsOnlyOnce(SoftHsm hsm, @TempDir Path folder) {
        try (ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder).build()))) {
            service.start();

            assertThrows(IllegalStateException.class, service::start);
        }
    }

    @Test
    void closingTwiceDoesNothing(SoftHsm hsm, @TempDir Path folder) {
        ModelService service = ModelService.create(initialised(TestHsm.configuration(hsm, folder).build()));
        service.start();

        service.close();
        service.close();

        assertEquals(ModelService.State.STOPPED, service.state());
    }
}
