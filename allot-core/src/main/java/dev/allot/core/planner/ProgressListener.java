package dev.allot.core.planner;

import java.time.Duration;

/**
 * Receives the search's progress each time it finds a better plan or bound. Called on a solver thread.
 *
 * <p>It is also how a caller stops a solve: the planner polls {@link #cancelled()} every {@value
 * Interruption#POLL_MILLIS} ms while an engine searches and interrupts it once it answers true (SCIP, the LP and
 * CP-SAT stop within a poll; HiGHS and CBC cannot be interrupted and stop at their next stage or time limit). A
 * cancelled {@link Planner#plan(dev.allot.core.model.Lab, ProgressListener)} then throws {@code solve-cancelled}
 * and returns no plan.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (elapsed, objective, bound) -> {};

    /**
     * @param elapsed the engine's own time so far (of the whole solve or of its current stage)
     * @param objective the value of the best plan found so far, or NaN before the first plan
     * @param bound the best proven upper bound on the objective so far
     */
    void onProgress(Duration elapsed, double objective, double bound);

    /** Whether the caller wants the solve stopped; polled from another thread, so it must be cheap and thread-safe. */
    default boolean cancelled() {
        return false;
    }
}
