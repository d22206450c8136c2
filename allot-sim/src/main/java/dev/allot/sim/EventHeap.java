package dev.allot.sim;

/**
 * Completion events as a binary min-heap over primitive arrays: (time, job, epoch). An event whose epoch no longer
 * matches the job's is stale (the job was preempted) and is skipped by the caller.
 */
final class EventHeap {
    private double[] times = new double[64];
    private int[] jobs = new int[64];
    private int[] epochs = new int[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    double peekTime() {
        return times[0];
    }

    int peekJob() {
        return jobs[0];
    }

    int peekEpoch() {
        return epochs[0];
    }

    void push(double time, int job, int epoch) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            jobs = java.util.Arrays.copyOf(jobs, size * 2);
            epochs = java.util.Arrays.copyOf(epochs, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, job, times[parent], jobs[parent])) {
                break;
            }
            set(i, times[parent], jobs[parent], epochs[parent]);
            i = parent;
        }
        set(i, time, job, epoch);
    }

    void pop() {
        size--;
        double time = times[size];
        int job = jobs[size];
        int epoch = epochs[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(times[child + 1], jobs[child + 1], times[child], jobs[child])) {
                child++;
            }
            if (!less(times[child], jobs[child], time, job)) {
                break;
            }
            set(i, times[child], jobs[child], epochs[child]);
            i = child;
        }
        if (size > 0) {
            set(i, time, job, epoch);
        }
    }

    /** Ties on time break by job index, so runs are deterministic. */
    private static boolean less(double time, int job, double otherTime, int otherJob) {
        return time < otherTime || (time == otherTime && job < otherJob);
    }

    private void set(int i, double time, int job, int epoch) {
        times[i] = time;
        jobs[i] = job;
        epochs[i] = epoch;
    }
}
