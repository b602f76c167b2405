/**
 * Tests that play the device and the store with snapd's own {@code asserts} package: what
 * our codec signs must pass snapd's decoder and checks, and what snapd signs must pass
 * ours. The module contains tests only, and the Go half is in {@code go/}.
 */
module dev.modelservice.conformance {
    requires dev.modelservice.assertions;
    // The device registration test talks HTTP to the service it starts.
    requires java.net.http;
}
