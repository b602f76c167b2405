package dev.modelservice.server.metrics;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerStatus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.ToDoubleFunction;

/**
 * The service's Prometheus metrics, in a registry of the service's own, so that services
 * started one after another in a JVM (as tests do) do not share counts.
 *
 * <p>Every label value comes from a fixed set in the code or from records that admins create
 * (brands and models), never from what a device sends unchecked, so the number of series
 * stays bounded. docs/metrics.md lists the metrics.
 */
public final class ServiceMetrics {
    /**
     * Device request latency buckets, in seconds, from a request-id (a few milliseconds) over a
     * signed serial (tens of milliseconds) to 30 s. snapd 2.57.6 gives its serial request
     * client a 30 s timeout, so a slower request has failed for the device.
     */
    private static final double[] DEVICE_REQUEST_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    /**
     * HSM signing latency buckets, in seconds: fine around 2 to 10 ms, an estimate of one RSA
     * signature on an HSM, then up to the PKCS#11 signer's default call timeout of 30 s.
     */
    private static final double[] HSM_SIGN_BUCKETS = {
        0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter serialsSigned;
    private final Counter deviceRequests;
    private final Histogram deviceRequestDuration;
    private final Histogram hsmSignDuration;

    /** Creates the service's metrics and registers the JVM's own (memory, garbage collection, threads and more). */
    public ServiceMetrics() {
        serialsSigned = Counter.builder()
                .name("model_service_serials_signed")
                .help("Serial assertions signed, by brand and model; a serial sent again to a retrying device is"
                        + " not counted")
                .labelNames("brand", "model")
                .register(registry);
        deviceRequests = Counter.builder()
                .name("model_service_device_requests")
                .help("Device API requests by endpoint, HTTP status and the error code in the body (none on success)")
                .labelNames("endpoint", "status", "code")
                .register(registry);
        deviceRequestDuration = Histogram.builder()
                .name("model_service_device_request_duration")
                .unit(Unit.SECONDS)
                .help("Time from receiving a device API request to its response, by endpoint")
                .labelNames("endpoint")
                .classicOnly()
                .classicUpperBounds(DEVICE_REQUEST_BUCKETS)
                .register(registry);
        hsmSignDuration = Histogram.builder()
                .name("model_service_hsm_sign_duration")
                .unit(Unit.SECONDS)
                .help("Time of the signer's sign calls, waiting for a free session included, by outcome (ok or"
                        + " the failure's kind)")
                .labelNames("outcome")
                .classicOnly()
                .classicUpperBounds(HSM_SIGN_BUCKETS)
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** Counts a serial signed for a model. The brand and model must be ones the service serves, to bound the labels. */
    public void serialSigned(String brand, String model) {
        serialsSigned.labelValues(brand, model).inc();
    }

    /**
     * Counts and times one device request.
     *
     * @param endpoint the endpoint's name from {@code DeviceResource}, or {@code unmatched}
     * @param code the error code of the response body, or {@code none}
     */
    public void deviceRequest(String endpoint, int status, String code, long elapsedNanos) {
        deviceRequests.labelValues(endpoint, Integer.toString(status), code).inc();
        deviceRequestDuration.labelValues(endpoint).observe(Unit.nanosToSeconds(elapsedNanos));
    }

    void hsmSign(String outcome, long elapsedNanos) {
        hsmSignDuration.labelValues(outcome).observe(Unit.nanosToSeconds(elapsedNanos));
    }

    /**
     * Returns {@code signer} wrapped so that its sign calls are timed, and registers the
     * gauges and counters of its availability, connections and sessions. Call it once per
     * service.
     */
    public Signer meter(Signer signer) {
        MeteredSigner metered = new MeteredSigner(signer, this);
        GaugeWithCallback.builder()
                .name("model_service_hsm_up")
                .help("1 when a signing call can reach the HSM, from the signer's own state (or, for a signer"
                        + " that reports none, its last call), else 0")
                .callback(callback -> callback.call(metered.available() ? 1 : 0))
                .register(registry);
        statusGauge(signer, "model_service_hsm_connections", "Signing connections to the HSM, as configured",
                SignerStatus::connections);
        statusGauge(signer, "model_service_hsm_connections_up", "Signing connections to the HSM that are logged in",
                SignerStatus::connectionsUp);
        statusGauge(signer, "model_service_hsm_sessions_max", "HSM sessions of all signing connections, as configured",
                SignerStatus::sessionsMax);
        statusGauge(signer, "model_service_hsm_sessions_in_use", "HSM sessions that a signing call holds",
                SignerStatus::sessionsInUse);
        statusGauge(signer, "model_service_hsm_sessions_idle", "Logged-in HSM sessions that wait for a call",
                SignerStatus::sessionsIdle);
        statusCounter(signer, "model_service_hsm_session_waits", null,
                "Signer calls that found no idle HSM session and waited for one", SignerStatus::sessionWaits);
        statusCounter(signer, "model_service_hsm_session_wait_timeouts", null,
                "Signer calls that got no HSM session within the session wait and failed",
                SignerStatus::sessionWaitTimeouts);
        statusCounter(signer, "model_service_hsm_session_wait", Unit.SECONDS,
                "Time that signer calls spent waiting for a free HSM session",
                status -> Unit.nanosToSeconds(status.sessionWaitTime().toNanos()));
        return metered;
    }

    private void statusGauge(Signer signer, String name, String help, ToDoubleFunction<SignerStatus> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> signer.status().ifPresent(status -> callback.call(value.applyAsDouble(status))))
                .register(registry);
    }

    private void statusCounter(Signer signer, String name, Unit unit, String help,
            ToDoubleFunction<SignerStatus> value) {
        CounterWithCallback.builder()
                .name(name)
                .unit(unit)
                .help(help)
                .callback(callback -> signer.status().ifPresent(status -> callback.call(value.applyAsDouble(status))))
                .register(registry);
    }

    /** One scrape's text and its content type. */
    public record Exposition(String contentType, byte[] body) {
    }

    /**
     * Collects every metric now, in the OpenMetrics text format when the {@code Accept} header
     * lists it, else in the Prometheus text format (0.0.4).
     *
     * @param acceptHeader the scraper's {@code Accept} header, or null
     */
    public Exposition scrape(String acceptHeader) {
        ExpositionFormatWriter writer = writerFor(acceptHeader);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            writer.write(body, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a byte array cannot fail", e);
        }
        return new Exposition(writer.getContentType(), body.toByteArray());
    }

    /**
     * Picks the text formats only: the protobuf format needs a library that the service does
     * not ship, and Prometheus falls back to text when a target does not offer it.
     */
    private ExpositionFormatWriter writerFor(String acceptHeader) {
        OpenMetricsTextFormatWriter openMetrics = formats.getOpenMetricsTextFormatWriter();
        return openMetrics.accepts(acceptHeader) ? openMetrics : formats.getPrometheusTextFormatWriter();
    }
}
