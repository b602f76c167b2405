package dev.modelservice.bench;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device keys cached on disk, one PKCS#8 file per key under {@code CACHE/device-keys/rsa-BITS/},
 * numbered from 0. Generating an RSA-4096 key takes about a second of CPU, so the first run
 * generates the missing ones in parallel and later runs read them back. Each file is written
 * to a temporary name and then renamed, so that an interrupted run leaves only whole keys.
 *
 * <p>A device key can be registered once per model, so a run gives each batch of serials a
 * model of its own and reuses the same keys.
 */
final class DeviceKeyPool {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceKeyPool.class);
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;

    /**
     * The keys and how they were obtained.
     *
     * @param loaded how many came from the cache
     * @param generated how many were generated and added to it
     */
    record Result(List<DeviceKey> keys, int loaded, int generated, long nanos) {
    }

    private DeviceKeyPool() {
    }

    /** Returns the folder that contains the keys of {@code bits} bits under {@code cacheDir}. */
    static Path folder(Path cacheDir, int bits) {
        return cacheDir.resolve("device-keys").resolve("rsa-" + bits);
    }

    /**
     * Returns keys 0 to {@code count - 1}, reading those in the cache and generating the others
     * on {@code threads} threads.
     *
     * @throws BenchException when the cache cannot be written or contains a file that is not such a key
     */
    static Result load(Path cacheDir, int count, int bits, int threads) {
        long start = System.nanoTime();
        Path folder = createFolder(folder(cacheDir, bits));
        AtomicInteger generated = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "device-key-pool");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<DeviceKey>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path file = folder.resolve(fileName(i));
                futures.add(pool.submit(() -> {
                    DeviceKey key = Files.exists(file) ? read(file, bits) : generate(file, bits, generated);
                    done.incrementAndGet();
                    return key;
                }));
            }
            List<DeviceKey> keys = collect(futures, done, count, start);
            long nanos = System.nanoTime() - start;
            return new Result(keys, count - generated.get(), generated.get(), nanos);
        } finally {
            pool.shutdownNow();
        }
    }

    static String fileName(int index) {
        return String.format(Locale.ROOT, "%07d.pk8", index);
    }

    private static List<DeviceKey> collect(List<Future<DeviceKey>> futures, AtomicInteger done, int count,
            long start) {
        List<DeviceKey> keys = new ArrayList<>(count);
        long lastReport = System.nanoTime();
        try {
            for (Future<DeviceKey> future : futures) {
                while (!future.isDone()) {
                    Thread.sleep(50);
                    if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                        LOG.info("Device keys: {} of {} ready after {} s", done.get(), count,
                                (System.nanoTime() - start) / 1_000_000_000);
                        lastReport = System.nanoTime();
                    }
                }
                keys.add(future.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof BenchException bench ? bench
                    : new BenchException("device key cache failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while preparing device keys", e);
        }
        return keys;
    }

    private static Path createFolder(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BenchException("cannot create the device key cache " + folder + ": " + e
                    + "; give a writable folder with --cache-dir", e);
        }
    }

    private static DeviceKey read(Path file, int bits) {
        try {
            byte[] encoded = Files.readAllBytes(file);
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(encoded));
            if (key.getModulus().bitLength() != bits) {
                throw new BenchException("device key " + file + " has " + key.getModulus().bitLength() + " bits, not "
                        + bits + "; delete it and run again to generate it anew");
            }
            return new DeviceKey(key);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new BenchException("cannot read device key " + file + ": " + e
                    + "; delete it and run again to generate it anew", e);
        }
    }

    private static DeviceKey generate(Path file, int bits, AtomicInteger generated) {
        RSAPrivateCrtKey key;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime generates RSA keys", e);
        }
        write(file, key.getEncoded());
        generated.incrementAndGet();
        return new DeviceKey(key);
    }

    private static void write(Path file, byte[] pkcs8) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, pkcs8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BenchException("cannot write device key " + file + ": " + e
                    + "; give a writable folder with --cache-dir", e);
        }
    }
}
