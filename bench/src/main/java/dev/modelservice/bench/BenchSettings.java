package dev.modelservice.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The checked settings of one run.
 *
 * @param brand the brand whose models the run creates; empty means the only brand the service serves
 * @param key the signing key of the run's serial policies; empty means the brand's only key
 * @param serviceConfig the service's properties file, needed by the raw-sign part
 * @param startupMillis the service's start-up time as the caller measured it, for the report
 * @param connections the raw-sign part's signing connections; empty means the service's own
 * @param timeLimit how long each timed phase may run before it stops starting operations
 * @param warmUp untimed operations before the first timed phase of each mode
 * @param keepModels whether the models that the run creates stay in the service afterwards
 * @param client the HTTP client of the timed phases
 * @param deviceKeyBits the modulus length of the device keys; snapd's are 4096
 */
record BenchSettings(URI deviceUrl, URI adminUrl, String adminToken, Optional<String> brand, Optional<String> key,
        Optional<ServiceConfig> serviceConfig, OptionalLong servicePid, Optional<Long> startupMillis, int count,
        List<Integer> concurrency, List<Mode> modes, OptionalInt connections, Path cacheDir, Optional<Path> jsonFile,
        Duration timeLimit, int warmUp, boolean keepModels, HttpTransport.Kind client, int deviceKeyBits) {

    /** Returns the raw-sign part's connections: the option, else the service's. */
    int rawSignConnections() {
        if (connections.isPresent()) {
            return connections.getAsInt();
        }
        return serviceConfig.map(ServiceConfig::signerConnections).orElse(ServiceConfig.DEFAULT_CONNECTIONS);
    }

    int maxConcurrency() {
        return concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
