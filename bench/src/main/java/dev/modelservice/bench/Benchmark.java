package dev.modelservice.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: it creates a model per batch of devices through the admin API, runs
 * the parts that {@link BenchSettings#modes()} selects, deletes its models and returns the
 * report. Every timed phase verifies its responses after the clock stops, so that checking
 * does not slow the client down.
 */
final class Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
    /** The threads of the paced phase; an operation that finds all busy waits, and the wait counts as latency. */
    private static final int PACED_MAX_IN_FLIGHT = 64;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final BenchSettings settings;
    private final String runId;
    private final AdminApi admin;
    private final HttpTransport transport;
    private final DeviceApi device;
    private final LoadRunner runner;
    private final SecureRandom random = new SecureRandom();
    private final List<BenchModel> models = new ArrayList<>();
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<PreparedBatch> batches = new ArrayList<>();

    private String brand;
    private AdminApi.Key key;
    private SerialResponseCheck responseCheck;
    private List<DeviceKey> deviceKeys = List.of();

    Benchmark(BenchSettings settings) {
        this.settings = settings;
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        this.runId = "bench-" + RUN_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(suffix);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.admin = new AdminApi(settings.adminUrl(), settings.adminToken(), http);
        // Room for every worker of the widest phase, the paced phase and the request-id fetchers.
        this.transport = HttpTransport.create(settings.client(),
                Math.max(settings.maxConcurrency(), PACED_MAX_IN_FLIGHT) + 8);
        this.device = new DeviceApi(settings.deviceUrl(), transport);
        this.runner = new LoadRunner(settings.timeLimit(), settings.servicePid());
    }

    Report run() {
        Instant started = Instant.now();
        LOG.info("Run {} against device API {} and admin API {}", runId, settings.deviceUrl(), settings.adminUrl());
        JsonNode status;
        DeviceKeyPool.Result pool;
        try {
            brand = settings.brand().orElseGet(this::onlyBrand);
            key = admin.key(settings.key().orElseGet(this::onlyKey));
            responseCheck = new SerialResponseCheck(brand, key);
            status = admin.status();
            checkRequestIdLifetime();
            pool = loadDeviceKeys();

            for (Mode mode : settings.modes()) {
                switch (mode) {
                    case RAW_SIGN -> rawSign();
                    case SERIAL -> serial();
                    case REGISTRATION -> registration();
                    case REQUEST_ID -> requestId();
                }
            }
        } finally {
            deleteModels();
            transport.close();
        }
        return report(started, status, pool);
    }

    private String onlyBrand() {
        List<String> brands = admin.brands();
        if (brands.size() != 1) {
            throw new BenchException("the service serves " + brands.size() + " brands " + brands + "; choose one"
                    + " with --brand");
        }
        return brands.get(0);
    }

    private String onlyKey() {
        List<String> keys = admin.keyNames(brand);
        if (keys.size() != 1) {
            throw new BenchException("brand " + brand + " has " + keys.size() + " signing keys " + keys
                    + "; choose the one to sign the run's serials with --key");
        }
        return keys.get(0);
    }

    private void checkRequestIdLifetime() {
        Duration lifetime = settings.serviceConfig().map(ServiceConfig::requestIdLifetime)
                .orElse(ServiceConfig.DEFAULT_REQUEST_ID_LIFETIME);
        if (settings.timeLimit().compareTo(lifetime) >= 0) {
            note("request-ids expire after " + lifetime.toSeconds() + " s, no later than the time limit of "
                    + settings.timeLimit().toSeconds() + " s: a slow serial phase may meet 400 invalid-request-id");
        }
    }

    private DeviceKeyPool.Result loadDeviceKeys() {
        if (!settings.modes().contains(Mode.SERIAL) && !settings.modes().contains(Mode.REGISTRATION)) {
            return new DeviceKeyPool.Result(List.of(), 0, 0, 0);
        }
        int needed = Math.max(settings.count(), settings.warmUp());
        LOG.info("Phase one: {} RSA-{} device keys from {}", needed, settings.deviceKeyBits(),
                DeviceKeyPool.folder(settings.cacheDir(), settings.deviceKeyBits()));
        DeviceKeyPool.Result pool = DeviceKeyPool.load(settings.cacheDir(), needed, settings.deviceKeyBits(),
                Runtime.getRuntime().availableProcessors());
        LOG.info("Phase one: {} device keys read from the cache and {} generated in {} s", pool.loaded(),
                pool.generated(), String.format("%.1f", pool.nanos() / 1e9));
        deviceKeys = pool.keys();
        return pool;
    }

    private void rawSign() {
        ServiceConfig config = settings.serviceConfig().orElseThrow();
        try (RawSigning raw = RawSigning.start(config, settings.rawSignConnections(), key.name())) {
            if (settings.warmUp() > 0) {
                signBatch(raw, "raw-sign-warm-up", settings.warmUp(), settings.maxConcurrency());
            }
            for (int concurrency : settings.concurrency()) {
                LoadRunner.Run run = signBatch(raw, "raw-sign-c" + concurrency, settings.count(), concurrency);
                record(PhaseResult.of("raw-sign", concurrency, null, run, run.outcomes(), Map.of()));
            }
        }
    }

    /** Signs distinct data {@code count} times and replaces each outcome by the signature's check. */
    private LoadRunner.Run signBatch(RawSigning raw, String name, int count, int concurrency) {
        long salt = random.nextLong();
        byte[][] signatures = new byte[count][];
        LoadRunner.Run run = runner.closedLoop(name, count, concurrency,
                i -> raw.sign(RawSigning.data(salt, i), signatures, i));
        Outcome[] outcomes = run.outcomes();
        IntStream.range(0, count).parallel().forEach(i -> {
            if (outcomes[i] != null && outcomes[i].ok()) {
                outcomes[i] = raw.verify(RawSigning.data(salt, i), signatures[i]);
            }
        });
        return run;
    }

    private void serial() {
        if (settings.warmUp() > 0) {
            PreparedBatch warmUp = prepare("serial-warm-up", settings.warmUp());
            warnOnErrors(postBatch("serial-warm-up", settings.maxConcurrency(), null, warmUp));
        }
        for (int concurrency : settings.concurrency()) {
            PreparedBatch batch = prepare("serial-c" + concurrency, settings.count());
            record(postBatch("serial", concurrency, null, batch));
        }

        OptionalDouble peak = phases.stream().filter(phase -> phase.mode().equals("serial"))
                .mapToDouble(PhaseResult::rate).max();
        if (peak.isPresent() && peak.getAsDouble() > 0) {
            double rate = peak.getAsDouble() / 2;
            PreparedBatch batch = prepare("serial-paced", settings.count());
            LOG.info("Posting {} serial-requests at half the peak rate, {}/s", settings.count(),
                    String.format("%.1f", rate));
            record(postBatch("serial-paced", PACED_MAX_IN_FLIGHT, rate, batch));
        }
    }

    private PreparedBatch prepare(String suffix, int count) {
        BenchModel model = createModel(suffix);
        LOG.info("Phase one: {} request-ids and serial-requests for model {}", count, model.name());
        PreparedBatch batch = PreparedBatch.prepare(model, device, deviceKeys, count);
        batches.add(batch);
        return batch;
    }

    /** Posts a batch closed loop at {@code concurrency}, or paced at {@code rate} when it is not null. */
    private PhaseResult postBatch(String mode, int concurrency, Double rate, PreparedBatch batch) {
        int count = batch.bodies().length;
        byte[][] responses = new byte[count][];
        String apiKey = batch.model().apiKey();
        LoadRunner.Operation post = i -> {
            DeviceApi.Reply reply = device.serial(apiKey, batch.bodies()[i]);
            responses[i] = reply.body();
            return reply.outcome();
        };
        String name = mode + (rate == null ? "-c" + concurrency : "");
        LoadRunner.Run run = rate == null ? runner.closedLoop(name, count, concurrency, post)
                : runner.paced(name, count, rate, concurrency, post);
        Outcome[] checked = checkResponses(run.outcomes(), responses, batch.model().name(), batch.serials());
        return PhaseResult.of(mode, concurrency, rate, run, checked, Map.of());
    }

    private Outcome[] checkResponses(Outcome[] outcomes, byte[][] responses, String model, String[] serials) {
        Outcome[] checked = outcomes.clone();
        IntStream.range(0, outcomes.length).parallel().forEach(i -> {
            if (outcomes[i] != null && outcomes[i].ok()) {
                checked[i] = responseCheck.check(responses[i], model, serials[i], deviceKeys.get(i));
            }
        });
        return checked;
    }

    private void registration() {
        if (settings.warmUp() > 0) {
            warnOnErrors(register("registration-warm-up", settings.warmUp(), settings.maxConcurrency()));
        }
        for (int concurrency : settings.concurrency()) {
            record(register("registration-c" + concurrency, settings.count(), concurrency));
        }
    }

    /**
     * Registers {@code count} devices as snapd does: a request-id, the serial-request signed
     * with the device key in this process, then the serial. The device's signature is part of
     * the registration's latency, and its CPU time is the bench's.
     */
    private PhaseResult register(String suffix, int count, int concurrency) {
        BenchModel model = createModel(suffix);
        long[] requestIdNanos = new long[count];
        long[] serialNanos = new long[count];
        byte[][] responses = new byte[count][];
        String[] serials = new String[count];
        LoadRunner.Operation registration = i -> {
            long start = System.nanoTime();
            DeviceApi.Reply requestId = device.requestId(model.apiKey());
            requestIdNanos[i] = System.nanoTime() - start;
            if (!requestId.outcome().ok()) {
                return requestId.outcome();
            }
            serials[i] = model.name() + "-" + i;
            byte[] body = deviceKeys.get(i).serialRequest(brand, model.name(), DeviceApi.requestIdOf(requestId.body()),
                    serials[i]);
            long posted = System.nanoTime();
            DeviceApi.Reply serial = device.serial(model.apiKey(), body);
            serialNanos[i] = System.nanoTime() - posted;
            responses[i] = serial.body();
            return serial.outcome();
        };
        LOG.info("Registering {} devices of model {} at concurrency {}", count, model.name(), concurrency);
        LoadRunner.Run run = runner.closedLoop(suffix, count, concurrency, registration);
        Outcome[] checked = checkResponses(run.outcomes(), responses, model.name(), serials);
        return PhaseResult.of("registration", concurrency, null, run, checked,
                Map.of("request-id", requestIdNanos, "serial", serialNanos));
    }

    private void requestId() {
        BenchModel model = createModel("request-id");
        LoadRunner.Operation fetch = i -> device.requestId(model.apiKey()).outcome();
        if (settings.warmUp() > 0) {
            LoadRunner.Run warmUp = runner.closedLoop("request-id-warm-up", settings.warmUp(),
                    settings.maxConcurrency(), fetch);
            warnOnErrors(PhaseResult.of("request-id-warm-up", settings.maxConcurrency(), null, warmUp,
                    warmUp.outcomes(), Map.of()));
        }
        for (int concurrency : settings.concurrency()) {
            LoadRunner.Run run = runner.closedLoop("request-id-c" + concurrency, settings.count(), concurrency, fetch);
            record(PhaseResult.of("request-id", concurrency, null, run, run.outcomes(), Map.of()));
        }
    }

    private BenchModel createModel(String suffix) {
        String name = runId + "-" + suffix;
        BenchModel model = new BenchModel(brand, name, admin.createModel(brand, name, key.name()));
        models.add(model);
        return model;
    }

    private void deleteModels() {
        if (models.isEmpty()) {
            return;
        }
        if (settings.keepModels()) {
            LOG.info("Keeping the run's {} models, named {}-*", models.size(), runId);
            return;
        }
        for (BenchModel model : models) {
            try {
                admin.deleteModel(model.brand(), model.name());
            } catch (BenchException e) {
                LOG.warn("Cannot delete model {} after the run: {}", model.name(), e.getMessage());
            }
        }
        LOG.info("Deleted the run's {} models; their signing log entries stay in the service", models.size());
    }

    private void record(PhaseResult result) {
        phases.add(result);
        LOG.info("{} {}: {} of {} succeeded, {} errors, {}/s, p99 {} ms{}", result.mode(),
                result.targetRate() == null ? "at concurrency " + result.concurrency()
                        : String.format("at %.1f/s", result.targetRate()),
                result.succeeded(), result.requested(), result.errorCount(), String.format("%.1f", result.rate()),
                String.format("%.1f", result.latencies().p99() / 1e6), result.cutShort() ? ", cut short" : "");
        if (result.cutShort()) {
            note(result.mode() + " " + (result.targetRate() == null ? "at concurrency " + result.concurrency()
                    : String.format("at %.1f/s", result.targetRate())) + " reached the time limit of "
                    + settings.timeLimit().toSeconds() + " s after " + (result.succeeded() + result.errorCount())
                    + " of " + result.requested() + " operations");
        }
    }

    private void warnOnErrors(PhaseResult warmUp) {
        if (warmUp.errorCount() > 0) {
            note("the warm-up of " + warmUp.mode() + " had " + warmUp.errorCount() + " errors: " + warmUp.errors()
                    + ", first: " + warmUp.errorExamples().values().iterator().next());
        }
    }

    private void note(String text) {
        LOG.warn("{}", text);
        notes.add(text);
    }

    private Report report(Instant started, JsonNode status, DeviceKeyPool.Result pool) {
        Report.Environment environment = Environments.describe(settings, status, brand, key.name());
        Report.Plan plan = new Report.Plan(settings.count(), settings.concurrency(), settings.modes(),
                (int) settings.timeLimit().toSeconds(), settings.warmUp(), settings.rawSignConnections(),
                settings.client().label(), settings.deviceKeyBits());
        Report.PhaseOne phaseOne = new Report.PhaseOne(pool.loaded(), pool.generated(), pool.nanos() / 1e9,
                batches.size(), batches.stream().mapToInt(batch -> batch.bodies().length).sum(),
                batches.stream().mapToLong(PreparedBatch::requestIdNanos).sum() / 1e9,
                batches.stream().mapToLong(PreparedBatch::signingNanos).sum() / 1e9);
        Long peakRss = null;
        Long rss = null;
        if (settings.servicePid().isPresent()) {
            long pid = settings.servicePid().getAsLong();
            peakRss = boxed(ProcessStats.peakRssBytes(pid));
            rss = boxed(ProcessStats.rssBytes(pid));
            if (peakRss == null) {
                note("cannot read /proc/" + pid + "/status: is --service-pid the service's process id?");
            }
        }
        Report withoutGoals = new Report(runId, started, environment, plan, phaseOne, List.copyOf(phases), peakRss,
                rss, settings.startupMillis().orElse(null), List.of(), List.copyOf(notes));
        return new Report(runId, started, environment, plan, phaseOne, List.copyOf(phases), peakRss, rss,
                settings.startupMillis().orElse(null), Goals.evaluate(withoutGoals), List.copyOf(notes));
    }

    private static Long boxed(java.util.OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
