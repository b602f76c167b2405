package dev.modelservice.assertions;

import java.util.List;

/**
 * A store channel as written, {@code [TRACK/]RISK[/BRANCH]} or a bare {@code TRACK}, parsed
 * without normalisation as snapd 2.57.6's {@code channel.ParseVerbatim} does. Each part is
 * null when the text leaves it out: {@code "stable"} has no track, and {@code "18"} has no risk.
 */
record SnapChannel(String track, String risk, String branch) {
    static final List<String> RISKS = List.of("stable", "candidate", "beta", "edge");

    /**
     * Parses a channel. A first part that is a risk name is the risk, otherwise the track.
     *
     * @throws IllegalArgumentException when the text is empty, has more than three parts, names
     *     an unknown risk, or has an empty track or branch. The message quotes the text.
     */
    static SnapChannel parseVerbatim(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("channel name cannot be empty");
        }
        String[] parts = text.split("/", -1);
        SnapChannel channel = switch (parts.length) {
            case 1 -> RISKS.contains(parts[0])
                    ? new SnapChannel(null, parts[0], null)
                    : new SnapChannel(parts[0], null, null);
            case 2 -> RISKS.contains(parts[0])
                    ? new SnapChannel(null, parts[0], parts[1])
                    : new SnapChannel(parts[0], parts[1], null);
            case 3 -> new SnapChannel(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("channel name has too many components: " + text);
        };

        if (channel.risk != null && !RISKS.contains(channel.risk)) {
            throw new IllegalArgumentException("invalid risk in channel name: " + text
                    + " (risks are stable, candidate, beta and edge)");
        }
        if (channel.track != null && channel.track.isEmpty()) {
            throw new IllegalArgumentException("invalid track in channel name: " + text);
        }
        if (channel.branch != null && channel.branch.isEmpty()) {
            throw new IllegalArgumentException("invalid branch in channel name: " + text);
        }
        return channel;
    }
}
