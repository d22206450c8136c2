package dev.allot.sim;

/**
 * Running jobs per GPU type in the order they are expected to end (then by job index), kept sorted as jobs start and
 * stop, so that an EASY reservation reads the earliest ends without sorting every running job of the type in every
 * pass. Insert and remove are a binary search and one array move; each job's end is kept beside it, so that the search
 * reads one array in order instead of the whole run's ends at random.
 */
final class EndingOrder {
    private final double[] endOf;
    private final int[][] jobs;
    private final double[][] ends;
    private final int[] sizes;

    /** {@code endOf} is read when jobs are added and removed: a job's entry must not change while it runs. */
    EndingOrder(double[] endOf, int types) {
        this.endOf = endOf;
        this.jobs = new int[types][16];
        this.ends = new double[types][16];
        this.sizes = new int[types];
    }

    void add(int job, int type) {
        int size = sizes[type];
        if (size == jobs[type].length) {
            jobs[type] = java.util.Arrays.copyOf(jobs[type], size * 2);
            ends[type] = java.util.Arrays.copyOf(ends[type], size * 2);
        }
        int at = -(search(type, job) + 1);
        System.arraycopy(jobs[type], at, jobs[type], at + 1, size - at);
        System.arraycopy(ends[type], at, ends[type], at + 1, size - at);
        jobs[type][at] = job;
        ends[type][at] = endOf[job];
        sizes[type] = size + 1;
    }

    void remove(int job, int type) {
        int at = search(type, job);
        if (at < 0) {
            throw new IllegalStateException("job " + job + " is not running on type #" + type);
        }
        System.arraycopy(jobs[type], at + 1, jobs[type], at, sizes[type] - at - 1);
        System.arraycopy(ends[type], at + 1, ends[type], at, sizes[type] - at - 1);
        sizes[type]--;
    }

    int size(int type) {
        return sizes[type];
    }

    /** The running job of the type with the {@code index}-th earliest expected end. */
    int get(int type, int index) {
        return jobs[type][index];
    }

    /** The expected end of the running job of the type with the {@code index}-th earliest expected end. */
    double end(int type, int index) {
        return ends[type][index];
    }

    /** The job's index, or {@code -(insertion point) - 1} when it is not there. */
    private int search(int type, int job) {
        int[] sorted = jobs[type];
        double[] sortedEnds = ends[type];
        double end = endOf[job];
        int low = 0;
        int high = sizes[type] - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int other = sorted[middle];
            int order = Double.compare(sortedEnds[middle], end);
            if (order == 0) {
                order = Integer.compare(other, job);
            }
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
