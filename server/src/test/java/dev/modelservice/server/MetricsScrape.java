package dev.modelservice.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one scrape in the Prometheus text format, for asserting on metrics: each
 * sample line is {@code name{label="value",...} value}, and lines starting with {@code #} are
 * help and type comments.
 */
final class MetricsScrape {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new MetricsScrape(samples);
    }

    private static Sample sample(String line) {
        int valueStart = line.lastIndexOf(' ');
        String series = line.substring(0, valueStart);
        double value = Double.parseDouble(line.substring(valueStart + 1));

        int labelsStart = series.indexOf('{');
        if (labelsStart < 0) {
            return new Sample(series, Map.of(), value);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher matcher = LABEL.matcher(series.substring(labelsStart));
        while (matcher.find()) {
            labels.put(matcher.group(1), matcher.group(2));
        }
        return new Sample(series.substring(0, labelsStart), labels, value);
    }

    /** Returns the value of the sample with this name and exactly these labels, or 0 when there is none. */
    double value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(0);
    }

    double value(String name) {
        return value(name, Map.of());
    }

    /** Returns whether some sample has this name, whatever its labels. */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }
}
