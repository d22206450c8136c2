package dev.allot.sim;

import java.util.Locale;

/**
 * How a scheduling pass walks the pending jobs of each project (projects themselves are visited in the policy's
 * order). Every job that fits and that the discipline allows starts in the same pass.
 */
public enum Backfill {
    /** Strict FIFO per project: the first job that cannot start holds back every later job of its project. */
    NONE,
    /**
     * EASY backfill, as Slurm's backfill scheduler: every job is tried; the first job of the pass that the policy
     * would admit but that finds no room gets a reservation on its GPU type at the earliest time enough GPUs free up
     * (the shadow time, from the running jobs' expected ends), and later jobs may use that type only if they end
     * before the shadow time or fit into the GPUs left over at it.
     */
    EASY,
    /** Every pending job is tried and starts if it fits; no reservations, so large jobs may wait behind small ones. */
    FULL;

    /**
     * A pass stops walking a project's queue after this many jobs that could not start (starts do not count), as
     * Slurm's {@code bf_max_job_test} bounds how many jobs its backfill looks at; it keeps a pass's cost bounded
     * when thousands of jobs wait.
     */
    public static final int MAX_FAILED_TRIES = 256;

    /** The flag value, e.g. {@code easy}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none}, {@code easy} or {@code full}; null when the name is none of them. */
    public static Backfill byFlagName(String name) {
        for (Backfill backfill : values()) {
            if (backfill.flagName().equals(name)) {
                return backfill;
            }
        }
        return null;
    }
}
