package dev.allot.sim;

/**
 * One project's pending jobs in scheduling order: higher priority first, then earlier arrival (job indices are in
 * arrival order). Arrivals append in O(1); requeued (preempted) and high-priority jobs are inserted in place.
 */
final class JobQueue {
    private final int[] priorityOf;
    private int[] items = new int[8];
    private int head;
    private int tail;

    JobQueue(int[] priorityOf) {
        this.priorityOf = priorityOf;
    }

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return tail == head;
    }

    /** The job at position {@code index} (0 = next to run). */
    int get(int index) {
        return items[head + index];
    }

    void add(int job) {
        if (tail == items.length) {
            grow();
        }
        int position = tail;
        while (position > head && before(job, items[position - 1])) {
            position--;
        }
        System.arraycopy(items, position, items, position + 1, tail - position);
        items[position] = job;
        tail++;
    }

    /** Removes the job at position {@code index}; cheap near the front, where the scheduler removes. */
    void removeAt(int index) {
        int position = head + index;
        System.arraycopy(items, head, items, head + 1, position - head);
        head++;
    }

    private boolean before(int job, int other) {
        return priorityOf[job] > priorityOf[other] || (priorityOf[job] == priorityOf[other] && job < other);
    }

    private void grow() {
        int size = size();
        int[] bigger = size * 2 + 8 > items.length ? new int[size * 2 + 8] : items;
        System.arraycopy(items, head, bigger, 0, size);
        items = bigger;
        head = 0;
        tail = size;
    }
}
