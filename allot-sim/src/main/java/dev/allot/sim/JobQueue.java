package dev.allot.sim;

/**
 * One project's pending jobs in scheduling order: higher priority first, then earlier arrival (job indices are in
 * arrival order). Arrivals in order append to a FIFO array in O(1); jobs that belong before its tail (requeued after
 * preemption, or of higher priority) go to a small sorted side list. The queue is the merge of the two.
 *
 * <p>A scheduling pass walks the queue once with {@link #rewind()} and {@link #next()}, and removes the job just
 * returned with {@link #removeCurrent()} in O(1) (a hole in the FIFO array, closed when the holes pile up), so trying
 * every pending job costs time linear in the queue, not quadratic.
 */
final class JobQueue {
    private static final int HOLE = -1;

    private final int[] priorityOf;
    private final int[] gpusOf;
    /** Pending jobs per GPU-count class (class c holds jobs of 2^c to 2^(c+1)-1 GPUs). */
    private final int[] countByClass = new int[32];
    /** Bit c is set while class c holds a pending job. */
    private int classesHeld;

    private int[] fifo = new int[8];
    /**
     * For a hole, an index past it up to which every slot was a hole when it was written (path-compressed as walks
     * follow it), so a walk skips a run of holes in about one step instead of one step per hole.
     */
    private int[] skip = new int[8];

    /** Slots of the FIFO array per block of {@link #blockLive} and {@link #blockLeast}: the bits of a {@code long}. */
    private static final int BLOCK_BITS = 6;

    private static final int BLOCK_MASK = (1 << BLOCK_BITS) - 1;

    /** Per block of FIFO slots, bit {@code i} set while its slot {@code i} holds a job (not a hole) below {@code tail}. */
    private long[] blockLive = new long[1];
    /**
     * Per block of FIFO slots, at most the GPUs of its smallest job, so that a block whose value is larger than a limit
     * holds only larger jobs. Exact unless the block is {@link #blockLeastStale}.
     */
    private int[] blockLeast = {Integer.MAX_VALUE};
    /**
     * Per block, whether a job of exactly {@link #blockLeast} GPUs left it since the value was exact: the value is then
     * only a lower bound, and is made exact again (one look at the block's slots) when a walk needs it. Without this, a
     * block whose small jobs all started stays unpassable for as long as its large jobs wait.
     */
    private boolean[] blockLeastStale = new boolean[1];

    private int head;
    private int tail;
    private int holes;
    private int[] early = new int[4];
    private int earlySize;
    private int cursorFifo;
    private int cursorEarly;
    private boolean currentFromEarly;

    JobQueue(int[] priorityOf, int[] gpusOf) {
        this.priorityOf = priorityOf;
        this.gpusOf = gpusOf;
    }

    /** A lower bound on the GPUs of the smallest pending job (a power of two), or 0 when empty. */
    int smallestGpusAtLeast() {
        return classesHeld == 0 ? 0 : 1 << Integer.numberOfTrailingZeros(classesHeld);
    }

    private static int sizeClass(int gpus) {
        return 31 - Integer.numberOfLeadingZeros(gpus);
    }

    int size() {
        return tail - head - holes + earlySize;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The next job to run, or -1. */
    int first() {
        skipHolesAtHead();
        if (earlySize > 0 && (head == tail || before(early[0], fifo[head]))) {
            return early[0];
        }
        return head < tail ? fifo[head] : -1;
    }

    void add(int job) {
        int sizeClass = sizeClass(gpusOf[job]);
        countByClass[sizeClass]++;
        classesHeld |= 1 << sizeClass;
        while (tail > head && fifo[tail - 1] == HOLE) {
            tail--;
            holes--;
        }
        cursorFifo = Math.min(cursorFifo, tail);
        if (tail == head || !before(job, fifo[tail - 1])) {
            if (tail == fifo.length) {
                compact();
            }
            fifo[tail++] = job;
            counted(tail - 1, job);
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
        if (position < cursorEarly) {
            cursorEarly++;
        }
    }

    /** Starts a walk from the front. */
    void rewind() {
        skipHolesAtHead();
        if (holes > 32 && holes > (tail - head) / 2) {
            compact();
        }
        cursorFifo = head;
        cursorEarly = 0;
    }

    /** The next job of the walk, or -1 at the end. */
    int next() {
        cursorFifo = liveFrom(cursorFifo);
        boolean fifoLeft = cursorFifo < tail;
        boolean earlyLeft = cursorEarly < earlySize;
        if (!fifoLeft && !earlyLeft) {
            return -1;
        }
        currentFromEarly = earlyLeft && (!fifoLeft || before(early[cursorEarly], fifo[cursorFifo]));
        return currentFromEarly ? early[cursorEarly++] : fifo[cursorFifo++];
    }

    /** Removes the job the last {@link #next()} returned. */
    void removeCurrent() {
        int job = currentFromEarly ? early[cursorEarly - 1] : fifo[cursorFifo - 1];
        int sizeClass = sizeClass(gpusOf[job]);
        if (--countByClass[sizeClass] == 0) {
            classesHeld &= ~(1 << sizeClass);
        }
        if (currentFromEarly) {
            cursorEarly--;
            System.arraycopy(early, cursorEarly + 1, early, cursorEarly, earlySize - cursorEarly - 1);
            earlySize--;
        } else {
            int block = (cursorFifo - 1) >> BLOCK_BITS;
            blockLive[block] &= ~(1L << ((cursorFifo - 1) & BLOCK_MASK));
            if (gpusOf[job] == blockLeast[block]) {
                blockLeastStale[block] = true;
            }
            fifo[cursorFifo - 1] = HOLE;
            skip[cursorFifo - 1] = cursorFifo;
            holes++;
            skipHolesAtHead();
        }
    }

    /**
     * Moves the walk past its next jobs that need more than {@code limit} GPUs, at most {@code most} of them, and
     * returns how many it passed: the next {@link #next()} returns the first job of the walk at or below the limit,
     * or the one after the {@code most}-th passed. Blocks of FIFO slots that hold only larger jobs are passed in one
     * step. Passes none while jobs of the side list are left in the walk.
     */
    int skipLarger(int limit, int most) {
        if (cursorEarly < earlySize) {
            return 0;
        }
        int passed = 0;
        int at = liveFrom(cursorFifo);
        while (at < tail && passed < most) {
            int block = at >> BLOCK_BITS;
            if (leastOf(block) > limit) {
                // every job of the block is larger: pass those from here to the block's end, or as many as allowed
                long rest = blockLive[block] & (-1L << (at & BLOCK_MASK));
                int count = Long.bitCount(rest);
                if (count <= most - passed) {
                    passed += count;
                    at = liveFrom(Math.min(tail, (block + 1) << BLOCK_BITS));
                    continue;
                }
                for (int left = most - passed; left > 0; left--) {
                    rest &= rest - 1;
                }
                passed = most;
                at = (block << BLOCK_BITS) + Long.numberOfTrailingZeros(rest);
                break;
            }
            if (gpusOf[fifo[at]] <= limit) {
                break;
            }
            passed++;
            at = liveFrom(at + 1);
        }
        cursorFifo = at;
        return passed;
    }

    /** The GPUs of the block's smallest job (or more when it holds none), made exact first when stale. */
    private int leastOf(int block) {
        if (blockLeastStale[block]) {
            int least = Integer.MAX_VALUE;
            int from = block << BLOCK_BITS;
            for (int slot = from; slot < Math.min(tail, from + (1 << BLOCK_BITS)); slot++) {
                if (fifo[slot] != HOLE) {
                    least = Math.min(least, gpusOf[fifo[slot]]);
                }
            }
            blockLeast[block] = least;
            blockLeastStale[block] = false;
        }
        return blockLeast[block];
    }

    private void counted(int slot, int job) {
        int block = slot >> BLOCK_BITS;
        if (block >= blockLive.length) {
            int blocks = (fifo.length >> BLOCK_BITS) + 1;
            blockLive = java.util.Arrays.copyOf(blockLive, blocks);
            int from = blockLeast.length;
            blockLeast = java.util.Arrays.copyOf(blockLeast, blocks);
            java.util.Arrays.fill(blockLeast, from, blocks, Integer.MAX_VALUE);
            blockLeastStale = java.util.Arrays.copyOf(blockLeastStale, blocks);
        }
        blockLive[block] |= 1L << (slot & BLOCK_MASK);
        blockLeast[block] = Math.min(blockLeast[block], gpusOf[job]);
    }

    private void skipHolesAtHead() {
        int live = liveFrom(head);
        if (live > head) {
            holes -= live - head; // every slot skipped was a hole
            head = live;
        }
    }

    /** The first index at or after {@code from} that holds a job, or {@code tail}. */
    private int liveFrom(int from) {
        int live = from;
        while (live < tail && fifo[live] == HOLE) {
            live = skip[live];
        }
        for (int at = from; at < live && fifo[at] == HOLE; ) {
            int following = skip[at];
            skip[at] = live;
            at = following;
        }
        return Math.min(live, tail);
    }

    private boolean before(int job, int other) {
        return priorityOf[job] > priorityOf[other] || (priorityOf[job] == priorityOf[other] && job < other);
    }

    /** Moves the live jobs to the front (dropping holes), growing the array when it is more than half full. */
    private void compact() {
        int live = tail - head - holes;
        int[] target = live * 2 + 8 > fifo.length ? new int[live * 2 + 8] : fifo;
        int to = 0;
        int shift = 0;
        for (int from = head; from < tail; from++) {
            if (fifo[from] != HOLE) {
                target[to++] = fifo[from];
            } else if (from < cursorFifo) {
                shift++;
            }
        }
        cursorFifo = Math.max(0, cursorFifo - head - shift);
        fifo = target;
        if (skip.length != fifo.length) {
            skip = new int[fifo.length];
        }
        head = 0;
        tail = live;
        holes = 0;
        java.util.Arrays.fill(blockLive, 0);
        java.util.Arrays.fill(blockLeast, Integer.MAX_VALUE);
        java.util.Arrays.fill(blockLeastStale, false);
        for (int slot = 0; slot < tail; slot++) {
            counted(slot, fifo[slot]);
        }
    }
}
