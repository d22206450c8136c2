package dev.allot.sim.lab;

import java.util.Arrays;

/**
 * GPUs held at once by jobs that each run from their arrival for their running time, and percentiles of it over
 * the time it is above zero.
 */
final class DemandCurve {
    private double[] times = new double[16];
    private int[] deltas = new int[16];
    private int size;

    void add(double start, double seconds, int gpus) {
        if (size + 2 > times.length) {
            times = Arrays.copyOf(times, times.length * 2);
            deltas = Arrays.copyOf(deltas, deltas.length * 2);
        }
        times[size] = start;
        deltas[size++] = gpus;
        times[size] = start + seconds;
        deltas[size++] = -gpus;
    }

    /** The level held for at least {@code 1 - fraction} of the busy time (0 when never busy). */
    int percentile(double fraction) {
        java.util.TreeMap<Integer, Double> secondsAtLevel = secondsAtLevel();
        double busy = secondsAtLevel.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        double seen = 0;
        for (var entry : secondsAtLevel.entrySet()) {
            seen += entry.getValue();
            if (seen >= fraction * busy - 1e-9) {
                return entry.getKey();
            }
        }
        return 0;
    }

    /** Seconds spent at each level above zero. */
    private java.util.TreeMap<Integer, Double> secondsAtLevel() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
        java.util.TreeMap<Integer, Double> secondsAtLevel = new java.util.TreeMap<>();
        int level = 0;
        for (int i = 0; i < size; i++) {
            int event = order[i];
            if (i > 0 && level > 0) {
                secondsAtLevel.merge(level, times[event] - times[order[i - 1]], Double::sum);
            }
            level += deltas[event];
        }
        return secondsAtLevel;
    }
}
