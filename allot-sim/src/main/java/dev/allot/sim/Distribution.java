package dev.allot.sim;

/**
 * Summary of a set of durations in seconds (nearest-rank percentiles); all NaN when {@code count} is 0.
 */
public record Distribution(long count, double p50, double p95, double max, double mean) {
    public static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** From values sorted ascending. */
    static Distribution ofSorted(double[] sorted) {
        if (sorted.length == 0) {
            return EMPTY;
        }
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Distribution(
                sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), sorted[sorted.length - 1], sum / sorted.length);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
