package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.core.planner.ProgressListener;
import dev.allot.store.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One solve as it runs: the progress the planner reports, the cancel request it polls, and how it ended. Written by
 * the solving thread, read by pollers; every field is guarded by this object.
 */
final class SolveRun implements ProgressListener {
    final String id;
    final CycleId cycle;
    final Actor actor;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch finished = new CountDownLatch(1);

    private SolveJob.State state = SolveJob.State.RUNNING;
    private SolveJob.Phase phase = SolveJob.Phase.PREPARING;
    private long endNanos;
    private double incumbent = Double.NaN;
    private double bound = Double.NaN;
    private int updates;
    private volatile String cancelledBy;
    Drafts.Solved solved;
    AllotException problem;
    RuntimeException thrown;

    SolveRun(String id, CycleId cycle, Actor actor, Instant startedAt) {
        this.id = id;
        this.cycle = cycle;
        this.actor = actor;
        this.startedAt = startedAt;
    }

    @Override
    public synchronized void onProgress(Duration elapsed, double objective, double bestBound) {
        if (!Double.isNaN(objective)) {
            incumbent = objective;
        }
        if (!Double.isNaN(bestBound) && !Double.isInfinite(bestBound)) {
            bound = bestBound;
        }
        updates++;
    }

    @Override
    public boolean cancelled() {
        return cancelledBy != null;
    }

    synchronized void solving() {
        phase = SolveJob.Phase.SOLVING;
    }

    /**
     * The last moment a cancel is honoured: past it the draft is stored.
     *
     * @throws AllotException {@code solve-cancelled} if a cancel came first
     */
    synchronized void saving() {
        if (cancelledBy != null) {
            throw new AllotException(
                    ErrorCode.SOLVE_CANCELLED,
                    "The solve of cycle " + cycle + " was cancelled by " + cancelledBy + "; nothing was stored.");
        }
        phase = SolveJob.Phase.SAVING;
    }

    /** Asks the solve to stop; false when it finished or began storing first (or someone else cancelled it). */
    synchronized boolean requestCancel(String user) {
        if (state != SolveJob.State.RUNNING || phase == SolveJob.Phase.SAVING || cancelledBy != null) {
            return false;
        }
        cancelledBy = user;
        return true;
    }

    synchronized void done(Drafts.Solved draft) {
        solved = draft;
        var report = draft.plan().solve();
        incumbent = report.objective();
        bound = report.bestBound();
        end(SolveJob.State.DONE);
    }

    void failed(AllotException e) {
        failed(e, e);
    }

    synchronized void failed(AllotException e, RuntimeException original) {
        thrown = original;
        if (e.code().equals(ErrorCode.SOLVE_CANCELLED.code())) {
            end(SolveJob.State.CANCELLED);
        } else {
            problem = e;
            end(SolveJob.State.FAILED);
        }
    }

    private void end(SolveJob.State outcome) {
        state = outcome;
        phase = SolveJob.Phase.FINISHED;
        endNanos = System.nanoTime();
        finished.countDown();
    }

    void await(Duration limit) {
        try {
            finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized SolveJob snapshot() {
        long until = state == SolveJob.State.RUNNING ? System.nanoTime() : endNanos;
        return new SolveJob(
                id,
                cycle,
                state,
                phase,
                actor.user(),
                startedAt,
                Duration.ofNanos(until - startNanos),
                incumbent,
                bound,
                updates,
                solved,
                problem,
                cancelledBy);
    }
}
