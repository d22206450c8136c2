package dev.allot.sim;

import java.util.Arrays;

/** Time-bucketed integrals of a run: GPU-seconds busy per type, per category busy (effective) and pending. */
final class Series {
    double[][] typeBusy;
    double[][] categoryBusy;
    double[][] categoryPending;
    double[][] categoryDemandSeconds;
    int buckets;
    double end;

    Series(int types, int categories) {
        typeBusy = new double[types][64];
        categoryBusy = new double[categories][64];
        categoryPending = new double[categories][64];
        categoryDemandSeconds = new double[categories][64];
    }

    void ensure(int bucket) {
        if (bucket >= capacity()) {
            int size = Math.max(bucket + 1, capacity() * 2);
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
}
