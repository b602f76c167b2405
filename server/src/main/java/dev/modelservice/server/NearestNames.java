package dev.modelservice.server;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the valid names nearest to a mistyped one, for error messages. */
final class NearestNames {
    private NearestNames() {
    }

    /**
     * Returns up to {@code count} of {@code candidates}, those with the smallest edit distance
     * (Levenshtein: insertions, deletions, substitutions) to {@code name}, nearest first and
     * alphabetical among equals.
     */
    static List<String> of(String name, Collection<String> candidates, int count) {
        return candidates.stream()
                .sorted(Comparator.<String>comparingInt(candidate -> distance(name, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count)
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
