package dev.modelservice.signer;

import java.time.Duration;
import java.util.Objects;

/**
 * A signer's own account of its signing connections to the token and their sessions, read
 * from the signer's state without calling the token, so that a metrics scrape may ask for it
 * as often as it likes. Key generation, where a signer keeps it apart, is not counted.
 *
 * @param available whether a signing call can reach the token now, judged from the signer's
 *     state without a call to the token; for a connection-based signer, whether one is up
 * @param connections the signing connections the signer is configured with
 * @param connectionsUp the signing connections that are connected and logged in now
 * @param sessionsMax the sessions that all signing connections open together, as configured
 * @param sessionsInUse the sessions that a call holds now
 * @param sessionsIdle the logged-in sessions that wait for a call now
 * @param sessionWaits the calls since start that found no idle session and had to wait for one
 * @param sessionWaitTimeouts the waiting calls that got no session in time and failed
 * @param sessionWaitTime the time that the waiting calls spent waiting, added up
 */
public record SignerStatus(
        boolean available,
        int connections,
        int connectionsUp,
        int sessionsMax,
        int sessionsInUse,
        int sessionsIdle,
        long sessionWaits,
        long sessionWaitTimeouts,
        Duration sessionWaitTime) {

    public SignerStatus {
        requireNotNegative("connections", connections);
        requireNotNegative("connectionsUp", connectionsUp);
        requireNotNegative("sessionsMax", sessionsMax);
        requireNotNegative("sessionsInUse", sessionsInUse);
        requireNotNegative("sessionsIdle", sessionsIdle);
        requireNotNegative("sessionWaits", sessionWaits);
        requireNotNegative("sessionWaitTimeouts", sessionWaitTimeouts);
        Objects.requireNonNull(sessionWaitTime, "sessionWaitTime");
        if (connectionsUp > connections) {
            throw new IllegalArgumentException("connectionsUp is " + connectionsUp + ", more than the "
                    + connections + " connections");
        }
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is " + value + "; a count is never negative");
        }
    }
}
