package dev.allot.sim;

import java.util.Arrays;

/** A growable list of primitive doubles. */
final class DoubleList {
    private double[] values = new double[16];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** A sorted copy of the values. */
    double[] sorted() {
        double[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    void addAllTo(DoubleList other) {
        for (int i = 0; i < size; i++) {
            other.add(values[i]);
        }
    }
}
