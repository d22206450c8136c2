package dev.allot.sim;

/**
 * The one reservation of an EASY-backfill pass: GPUs of one type kept for the first job that found no room, from its
 * shadow time (when enough GPUs will be free, given the running jobs' expected ends) on. Node fragmentation is not
 * looked at: the shadow time counts GPUs of the type, as Slurm's backfill counts cores of a partition.
 */
final class Reservation {
    private final Engine engine;
    private int job = -1;
    private int type = -1;
    private double shadowSeconds;
    private int extraGpus;
    private double[] ends = new double[16];
    private int[] jobs = new int[16];

    Reservation(Engine engine) {
        this.engine = engine;
    }

    void clear() {
        job = -1;
        type = -1;
    }

    boolean isHeld() {
        return job >= 0;
    }

    /** Reserves GPUs of {@code reservedType} for {@code reservedJob}. */
    void reserve(int reservedJob, int reservedType) {
        int needed = engine.work.gpus[reservedJob];
        int free = engine.cluster.freeGpus(reservedType);
        EndingOrder byEnd = engine.endingOrder;
        if (byEnd != null) {
            double shadow = engine.now;
            int available = free;
            for (int i = 0; i < byEnd.size(reservedType) && available < needed; i++) {
                int running = byEnd.get(reservedType, i);
                available += engine.work.gpus[running];
                shadow = byEnd.end(reservedType, i);
            }
            hold(reservedJob, reservedType, needed, shadow, available);
            return;
        }
        int count = engine.running.size(reservedType);
        if (ends.length < count) {
            ends = new double[count];
            jobs = new int[count];
        }
        for (int i = 0; i < count; i++) {
            jobs[i] = engine.running.get(reservedType, i);
            ends[i] = engine.expectedEnd[jobs[i]];
        }
        Sorting.byKey(jobs, ends, count);
        double shadow = engine.now;
        int available = free;
        for (int i = 0; i < count && available < needed; i++) {
            available += engine.work.gpus[jobs[i]];
            shadow = engine.expectedEnd[jobs[i]];
        }
        hold(reservedJob, reservedType, needed, shadow, available);
    }

    private void hold(int reservedJob, int reservedType, int needed, double shadow, int available) {
        job = reservedJob;
        type = reservedType;
        shadowSeconds = available >= needed ? shadow : Double.POSITIVE_INFINITY;
        extraGpus = Math.max(0, available - needed);
    }

    /** Whether starting the job on the type now leaves the reserved job's start time as it is. */
    boolean allows(int candidate, int candidateType) {
        if (candidateType != type || candidate == job) {
            return true;
        }
        return endsBeforeShadow(candidate, candidateType) || engine.work.gpus[candidate] <= extraGpus;
    }

    /** Books a start the reservation allowed: a job running past the shadow time uses up leftover GPUs. */
    void started(int candidate, int candidateType) {
        if (candidateType == type && candidate != job && !endsBeforeShadow(candidate, candidateType)) {
            extraGpus -= engine.work.gpus[candidate];
        }
    }

    private boolean endsBeforeShadow(int candidate, int candidateType) {
        return engine.now + engine.remaining[candidate] * engine.work.seconds(candidate, candidateType)
                <= shadowSeconds;
    }
}
