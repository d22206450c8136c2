package dev.allot.sim;

/**
 * One project's pending jobs in scheduling order: higher priority first, then earlier arrival (job indices are in
 * arrival order). Arrivals in order append to a FIFO array in O(1); jobs that belong before its tail (requeued after
 * preemption, or of higher priority) go to a small sorted side list. The queue is the merge of the two, and the
 * scheduler only reads and removes near its front.
 */
final class JobQueue {
    private final int[] priorityOf;
    private int[] fifo = new int[8];
    private int head;
    private int tail;
    private int[] early = new int[4];
    private int earlySize;

    JobQueue(int[] priorityOf) {
        this.priorityOf = priorityOf;
    }

    int size() {
        return tail - head + earlySize;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The job at position {@code index} (0 = next to run). */
    int get(int index) {
        long at = locate(index);
        return at >= 0 ? fifo[(int) at] : early[(int) ~at];
    }

    void add(int job) {
        if (tail == head || !before(job, fifo[tail - 1])) {
            if (tail == fifo.length) {
                compact();
            }
            fifo[tail++] = job;
            return;
        }
        if (earlySize == early.length) {
            early = java.util.Arrays.copyOf(early, earlySize * 2);
        }
        int position = earlySize;
        while (position > 0 && before(job, early[position - 1])) {
            position--;
        }
        System.arraycopy(early, position, early, position + 1, earlySize - position);
        early[position] = job;
        earlySize++;
    }

    /** Removes the job at position {@code index}; cheap near the front. */
    void removeAt(int index) {
        long at = locate(index);
        if (at >= 0) {
            int position = (int) at;
            System.arraycopy(fifo, head, fifo, head + 1, position - head);
            head++;
        } else {
            int position = (int) ~at;
            System.arraycopy(early, position + 1, early, position, earlySize - position - 1);
            earlySize--;
        }
    }

    /** Position in {@code fifo} (>= 0) or {@code ~position} in {@code early} of the index-th job of the merge. */
    private long locate(int index) {
        int f = head;
        int e = 0;
        for (int step = 0; ; step++) {
            boolean fromEarly = f == tail || (e < earlySize && before(early[e], fifo[f]));
            if (step == index) {
                return fromEarly ? ~e : f;
            }
            if (fromEarly) {
                e++;
            } else {
                f++;
            }
        }
    }

    private boolean before(int job, int other) {
        return priorityOf[job] > priorityOf[other] || (priorityOf[job] == priorityOf[other] && job < other);
    }

    private void compact() {
        int size = tail - head;
        int[] target = size * 2 + 8 > fifo.length ? new int[size * 2 + 8] : fifo;
        System.arraycopy(fifo, head, target, 0, size);
        fifo = target;
        head = 0;
        tail = size;
    }
}
