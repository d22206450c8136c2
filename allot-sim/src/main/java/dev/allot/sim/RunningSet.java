package dev.allot.sim;

/** Running jobs per GPU type, with O(1) add and remove (swap with last). */
final class RunningSet {
    private final int[][] jobs;
    private final int[] sizes;
    private final int[] position;

    RunningSet(int jobCount, int types) {
        jobs = new int[types][16];
        sizes = new int[types];
        position = new int[jobCount];
    }

    void add(int job, int type, int priority) {
        if (sizes[type] == jobs[type].length) {
            jobs[type] = java.util.Arrays.copyOf(jobs[type], sizes[type] * 2);
        }
        position[job] = sizes[type];
        jobs[type][sizes[type]++] = job;
    }

    void remove(int job, int type) {
        int at = position[job];
        int last = jobs[type][--sizes[type]];
        jobs[type][at] = last;
        position[last] = at;
    }

    int size(int type) {
        return sizes[type];
    }

    int get(int type, int index) {
        return jobs[type][index];
    }
}
