package dev.modelservice.bench;

/**
 * One of the performance goals and how this run measured against it. The benchmark
 * reports goals and never fails on them.
 *
 * @param name what the goal requires, such as {@code p99 latency at half the peak rate <= 20 ms}
 * @param status the verdict
 * @param measured what this run measured, or why it measured nothing
 */
record Goal(String name, Status status, String measured) {
    enum Status {
        PASS, FAIL, NOT_MEASURED;

        String label() {
            return this == NOT_MEASURED ? "n/a" : name();
        }
    }

    static Goal check(String name, boolean passed, String measured) {
        return new Goal(name, passed ? Status.PASS : Status.FAIL, measured);
    }

    static Goal notMeasured(String name, String reason) {
        return new Goal(name, Status.NOT_MEASURED, reason);
    }
}
