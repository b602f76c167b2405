package dev.modelservice.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parts of a run, in the order they run. */
enum Mode {
    /** The Signer SPI's signing rate in the benchmark's process, on the service's HSM path. */
    RAW_SIGN("raw-sign"),
    /** Phase two: pre-signed serial-requests posted at each concurrency, then at half the peak rate. */
    SERIAL("serial"),
    /** A whole registration per operation: request-id, the device's signature, serial. */
    REGISTRATION("registration"),
    /** {@code POST request-id} alone. */
    REQUEST_ID("request-id");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * Parses a comma-separated list of mode names, where {@code all} stands for every mode.
     *
     * @throws IllegalArgumentException naming the unknown mode and the known ones
     */
    static List<Mode> parseList(String text) {
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        for (String part : text.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                modes.addAll(EnumSet.allOf(Mode.class));
                continue;
            }
            Mode found = null;
            for (Mode mode : values()) {
                if (mode.label.equals(name)) {
                    found = mode;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown mode '" + part.strip() + "'; the modes are serial,"
                        + " registration, request-id, raw-sign and all");
            }
            modes.add(found);
        }
        return List.copyOf(modes);
    }

    @Override
    public String toString() {
        return label;
    }
}
