package dev.modelservice.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * One batch of phase one: a fresh model, a request-id for each device, and the
 * serial-requests signed with the devices' keys, ready to be posted. Request-ids expire
 * (registration.request-id-lifetime-s), so a batch is prepared just before its phase.
 *
 * @param serials the serial each request proposes, by index
 * @param bodies the request bodies, by index
 * @param requestIdNanos the time spent fetching the request-ids
 * @param signingNanos the time spent signing the serial-requests
 */
record PreparedBatch(BenchModel model, String[] serials, byte[][] bodies, long requestIdNanos, long signingNanos) {
    /** Request-ids are cheap, so a few connections fetch them; more would only queue in the service. */
    private static final int REQUEST_ID_FETCHERS = 8;

    /**
     * Fetches {@code count} request-ids for {@code model} and signs a serial-request with each
     * of the first {@code count} device keys, on every core.
     *
     * @throws BenchException when a request-id cannot be fetched
     */
    static PreparedBatch prepare(BenchModel model, DeviceApi device, List<DeviceKey> keys, int count) {
        long start = System.nanoTime();
        String[] requestIds = fetchRequestIds(model, device, count);
        long fetched = System.nanoTime();

        String[] serials = new String[count];
        byte[][] bodies = new byte[count][];
        IntStream.range(0, count).parallel().forEach(i -> {
            serials[i] = model.name() + "-" + i;
            bodies[i] = keys.get(i).serialRequest(model.brand(), model.name(), requestIds[i], serials[i]);
        });
        long signed = System.nanoTime();
        return new PreparedBatch(model, serials, bodies, fetched - start, signed - fetched);
    }

    private static String[] fetchRequestIds(BenchModel model, DeviceApi device, int count) {
        String[] requestIds = new String[count];
        ExecutorService pool = Executors.newFixedThreadPool(REQUEST_ID_FETCHERS, runnable -> {
            Thread thread = new Thread(runnable, "request-id-fetcher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?>[] parts = new Future<?>[REQUEST_ID_FETCHERS];
            for (int part = 0; part < REQUEST_ID_FETCHERS; part++) {
                int first = part;
                parts[part] = pool.submit(() -> {
                    for (int i = first; i < count; i += REQUEST_ID_FETCHERS) {
                        requestIds[i] = fetchOne(model, device);
                    }
                });
            }
            for (Future<?> part : parts) {
                part.get();
            }
            return requestIds;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchException bench ? bench
                    : new BenchException("fetching request-ids failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while fetching request-ids", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String fetchOne(BenchModel model, DeviceApi device) {
        DeviceApi.Reply reply = device.requestId(model.apiKey());
        if (!reply.outcome().ok()) {
            throw new BenchException("phase one: POST " + device.baseUrl() + "request-id for model " + model.name()
                    + " failed: " + reply.outcome().errorKey() + ": " + reply.outcome().message());
        }
        return DeviceApi.requestIdOf(reply.body());
    }
}
