package dev.modelservice.server;

import dev.modelservice.server.admin.AdminContext;
import dev.modelservice.server.admin.AdminListener;
import dev.modelservice.server.device.DeviceApplication;
import dev.modelservice.server.device.DeviceContext;
import dev.modelservice.server.device.Registration;
import dev.modelservice.server.device.ServiceHealth;
import dev.modelservice.server.http.HttpListener;
import dev.modelservice.server.http.TlsSettings;
import dev.modelservice.server.metrics.ServiceMetrics;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerProvider;
import dev.modelservice.signer.SignerProviders;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The running service: the store, the signer and the admin listener, started in that order
 * and stopped in reverse.
 *
 * <p>Lifecycle: {@link #create} gives a {@link State#NEW} service; {@link #start()} moves
 * it through {@code STARTING} to {@code RUNNING}, or to {@code FAILED} with the cause and
 * every started part stopped again. {@link #close()} moves a running service through
 * {@code STOPPING} to {@code STOPPED}, or to {@code FAILED} when a part fails to stop.
 */
public final class ModelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    /** The service's lifecycle states. */
    public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    private final ServiceConfiguration configuration;
    private volatile State state = State.NEW;
    private volatile Throwable failure;
    private Store store;
    private Signer signer;
    /** snapd's device client gives up after 30 seconds, so a connection silent for longer is idle. */
    private static final Duration DEVICE_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private AdminListener admin;
    private HttpListener device;

    private ModelService(ServiceConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Returns a service that is not started. */
    public static ModelService create(ServiceConfiguration configuration) {
        return new ModelService(configuration);
    }

    /**
     * Creates the database, records the brand and issues the first admin token, named
     * {@value Bootstrap#INITIAL_TOKEN_NAME}, into a file only its owner can read. When the
     * database serves the brand already, it changes nothing.
     *
     * @throws IllegalArgumentException when the account-id does not have snapd's form
     * @throws IllegalStateException when the database serves other brands already
     */
    public static InitResult init(ServiceConfiguration configuration, String brandAccountId, String displayName) {
        return Bootstrap.init(configuration, brandAccountId, displayName);
    }

    /**
     * Starts the store and the signer, checks that the database responds and that the token
     * has the signing key of every active serial policy, then starts the admin and the device
     * listener, and logs a one-line summary.
     *
     * @throws ServiceStartException naming the part that failed; the service is then
     *     {@code FAILED} and keeps nothing open
     * @throws IllegalStateException when the service is not {@code NEW}
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the Model Service is " + state + "; create a new one to start again");
        }
        state = State.STARTING;
        long startedAt = System.nanoTime();
        LOG.info("Starting the Model Service {}: {}", version(), configuration);
        installLoggingBridge();

        String part = "TLS configuration";
        try {
            Optional<TlsSettings> adminTls = configuration.adminTls();
            Optional<TlsSettings> deviceTls = configuration.deviceTls();

            part = "store";
            StartupChecks.requireEmbeddedDatabase(configuration);
            store = StoreFactory.open(configuration.storeSettings());

            part = "signer plugins";
            SignerProviders providers = configuration.pluginsDir().isPresent()
                    ? SignerProviders.load(configuration.pluginsDir().get())
                    : SignerProviders.installed();
            SignerProvider provider = providers.provider(configuration.signerProvider());

            part = StartFailure.SIGNER;
            ServiceMetrics metrics = new ServiceMetrics();
            signer = metrics.meter(provider.create(configuration.signerSettings()));
            signer.start();

            part = "start-up check";
            StartupChecks checks = StartupChecks.run(store, signer, configuration.signerProvider());

            part = "admin listener";
            admin = new AdminListener(configuration.adminHost(), configuration.adminPort(),
                    configuration.adminIdleTimeout(), adminTls,
                    new AdminContext(store, signer, configuration.signerProvider(), version(), metrics),
                    configuration.adminMetricsRequireToken());
            admin.start();

            part = "device listener";
            Registration registration = new Registration(store, signer, configuration.registrationSettings(),
                    Clock.systemUTC());
            device = new HttpListener("device API", configuration.deviceHost(), configuration.devicePort(),
                    DEVICE_IDLE_TIMEOUT, deviceTls, DeviceApplication.of(new DeviceContext(registration,
                            new ServiceHealth(store, signer), configuration.registrationSettings(), metrics)));
            device.start();

            state = State.RUNNING;
            LOG.info("{}", checks.summary(version(), device.uri(), admin.uri(), configuration,
                    Duration.ofNanos(System.nanoTime() - startedAt).toMillis()));
        } catch (Exception e) {
            failure = e;
            state = State.FAILED;
            String message = StartFailure.message(part, e, configuration);
            if (StartFailure.isExplained(e)) {
                LOG.error("The Model Service failed to start: {}", message);
            } else {
                LOG.error("The Model Service failed to start: {}", message, e);
            }
            stopParts();
            throw new ServiceStartException(message, e);
        }
    }

    /** Routes Jersey's java.util.logging records to SLF4J, once per JVM. */
    private static void installLoggingBridge() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Stops the admin listener, the signer and the store; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (state == State.NEW) {
            state = State.STOPPED;
            return;
        }
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPING;
        LOG.info("Stopping the Model Service");
        Throwable stopFailure = stopParts();
        if (stopFailure != null) {
            failure = stopFailure;
            state = State.FAILED;
            LOG.error("The Model Service stopped with a failure: {}", stopFailure.getMessage());
            return;
        }
        state = State.STOPPED;
        LOG.info("Model Service stopped");
    }

    /** Stops every part that was started, in reverse order, and returns the first failure or null. */
    private Throwable stopParts() {
        Throwable first = null;
        if (device != null) {
            device.stop();
        }
        if (admin != null) {
            admin.stop();
        }
        if (signer != null) {
            try {
                signer.close();
            } catch (RuntimeException e) {
                LOG.error("Closing the signer failed", e);
                first = e;
            }
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.error("Closing the store failed", e);
                first = first == null ? e : first;
            }
        }
        return first;
    }

    public State state() {
        return state;
    }

    /** Returns why the service is {@code FAILED}, or empty in every other state. */
    public Optional<Throwable> failure() {
        return state == State.FAILED ? Optional.ofNullable(failure) : Optional.empty();
    }

    /**
     * Returns the admin API's bound URI, such as http://127.0.0.1:40123/.
     *
     * @throws IllegalStateException when the service is not running
     */
    public URI adminUri() {
        requireRunning();
        return admin.uri();
    }

    /**
     * Returns the device API's bound URI, such as http://127.0.0.1:40124/.
     *
     * @throws IllegalStateException when the service is not running
     */
    public URI deviceUri() {
        requireRunning();
        return device.uri();
    }

    /**
     * Returns the open store, for tools and tests that work beside the API.
     *
     * @throws IllegalStateException when the service is not running
     */
    public Store store() {
        requireRunning();
        return store;
    }

    public ServiceConfiguration configuration() {
        return configuration;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the Model Service is " + state + ", not RUNNING");
        }
    }

    /** Returns the version of this build, or "development" when run from classes without Maven's filtering. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = ModelService.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version resource of the server module", e);
        }
        return properties.getProperty("version", "development");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ModelService[").append(state);
        if (state == State.FAILED && failure != null) {
            text.append(" (").append(failure).append(')');
        }
        text.append(", store=").append(store == null ? "not opened" : store);
        text.append(", signer=").append(signer == null ? "not created" : signer);
        text.append(", admin=").append(admin == null ? "not created" : admin);
        text.append(", device=").append(device == null ? "not created" : device);
        return text.append(']').toString();
    }
}
