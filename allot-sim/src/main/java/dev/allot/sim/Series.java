package dev.allot.sim;

import java.util.Arrays;

/**
 * Time-bucketed integrals of a run: GPU-seconds busy per type, per category busy (effective) and pending. The number
 * of buckets is bounded: when simulated time outgrows them, neighbouring buckets are merged and the bucket width
 * doubles, so a job running for years costs no more memory or time than one running for minutes.
 */
final class Series {
    /** Buckets kept at most; reports merge them further (to a few hundred points). */
    static final int MAX_BUCKETS = 4096;

    double[][] typeBusy;
    double[][] categoryBusy;
    double[][] categoryPending;
    double[][] categoryDemandSeconds;
    int buckets;
    double bucketSeconds;
    double end;

    Series(int types, int categories, double bucketSeconds) {
        typeBusy = new double[types][64];
        categoryBusy = new double[categories][64];
        categoryPending = new double[categories][64];
        categoryDemandSeconds = new double[categories][64];
        this.bucketSeconds = bucketSeconds;
    }

    /** Widens the buckets until time {@code to} falls within {@link #MAX_BUCKETS} of them. */
    void cover(double to) {
        while (to / bucketSeconds >= MAX_BUCKETS) {
            typeBusy = halve(typeBusy);
            categoryBusy = halve(categoryBusy);
            categoryPending = halve(categoryPending);
            categoryDemandSeconds = halve(categoryDemandSeconds);
            buckets = (buckets + 1) / 2;
            bucketSeconds *= 2;
        }
    }

    void ensure(int bucket) {
        if (bucket >= capacity()) {
            int size = Math.min(MAX_BUCKETS, Math.max(bucket + 1, capacity() * 2));
            typeBusy = grow(typeBusy, size);
            categoryBusy = grow(categoryBusy, size);
            categoryPending = grow(categoryPending, size);
            categoryDemandSeconds = grow(categoryDemandSeconds, size);
        }
        buckets = Math.max(buckets, bucket + 1);
    }

    private int capacity() {
        return typeBusy.length > 0 ? typeBusy[0].length : categoryBusy[0].length;
    }

    private static double[][] grow(double[][] rows, int size) {
        double[][] bigger = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            bigger[i] = Arrays.copyOf(rows[i], size);
        }
        return bigger;
    }

    /** Sums pairs of neighbouring buckets into one, keeping the array length. */
    private static double[][] halve(double[][] rows) {
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                int from = 2 * i;
                row[i] = (from < row.length ? row[from] : 0) + (from + 1 < row.length ? row[from + 1] : 0);
            }
        }
        return rows;
    }
}
