package dev.allot.core.rules;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Maybe ...?" hints: the known name closest to a misspelt one. */
public final class Suggest {
    private static final int LIST_AT_MOST = 8;

    private Suggest() {}

    /**
     * The candidate closest to {@code given}: an exact match ignoring case first, then the smallest edit distance
     * (ignoring case) when it is small enough to be a typo rather than a different word.
     */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(given)) {
                return Optional.of(candidate);
            }
        }
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(1, Math.min(given.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }

    /** {@code Maybe H100?}, else {@code Maybe one of H100, A100?} for short lists, else empty. */
    public static String hint(String given, Collection<String> candidates) {
        Optional<String> closest = closest(given, candidates);
        if (closest.isPresent()) {
            return "Maybe " + closest.get() + "?";
        }
        if (!candidates.isEmpty() && candidates.size() <= LIST_AT_MOST) {
            return "Maybe one of " + String.join(", ", candidates) + "?";
        }
        return "";
    }

    /**
     * Up to {@code limit} candidates nearest to what someone has typed so far, for a picker that suggests as they
     * type: those starting with {@code typed} (ignoring case) first, then those containing it, then the rest; each
     * group by edit distance, then alphabetically. An empty {@code typed} gives the first candidates alphabetically.
     */
    public static java.util.List<String> nearest(String typed, Collection<String> candidates, int limit) {
        String lower = typed.strip().toLowerCase(Locale.ROOT);
        record Ranked(String name, int group, int distance) {}
        return candidates.stream()
                .map(name -> {
                    String other = name.toLowerCase(Locale.ROOT);
                    int group = other.startsWith(lower) ? 0 : other.contains(lower) ? 1 : 2;
                    return new Ranked(name, group, lower.isEmpty() ? 0 : distance(lower, other));
                })
                .sorted(java.util.Comparator.comparingInt(Ranked::group)
                        .thenComparingInt(Ranked::distance)
                        .thenComparing(Ranked::name))
                .limit(Math.max(0, limit))
                .map(Ranked::name)
                .toList();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
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
