package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one draft solve of a cycle, as a client polls it (see {@link SolveJobs}).
 *
 * @param id the job's id, unique within the server's process
 * @param phase what a running job does now; {@link Phase#FINISHED} once its state is not running
 * @param elapsed wall time since the job started, frozen when it finished
 * @param incumbent value of the best plan the engine has reported so far, NaN before the first (the default engine
 *     reports at the end of each of its stages, CP-SAT at every better plan)
 * @param bound best proven upper bound on the value the engine has reported so far, NaN before the first
 * @param updates how many progress reports the engine has made
 * @param solved the saved draft, when {@link State#DONE}
 * @param problem why it failed, when {@link State#FAILED}
 * @param cancelledBy who asked to cancel it, or null
 */
public record SolveJob(
        String id,
        CycleId cycle,
        State state,
        Phase phase,
        String startedBy,
        Instant startedAt,
        Duration elapsed,
        double incumbent,
        double bound,
        int updates,
        Drafts.Solved solved,
        AllotException problem,
        String cancelledBy) {
    /** Where a job is in its life. */
    public enum State {
        RUNNING,
        DONE,
        FAILED,
        CANCELLED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a running job does: reading the lab, searching, storing the draft. */
    public enum Phase {
        PREPARING,
        SOLVING,
        SAVING,
        FINISHED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SolveJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /**
     * The relative gap between the best plan and the bound, {@code (bound - incumbent) / max(1, |incumbent|)}, as the
     * solve report states it; NaN until both are known.
     */
    public double gap() {
        if (Double.isNaN(incumbent) || Double.isNaN(bound)) {
            return Double.NaN;
        }
        return Math.max(0, bound - incumbent) / Math.max(1, Math.abs(incumbent));
    }

    public Optional<Drafts.Solved> draft() {
        return Optional.ofNullable(solved);
    }

    public Optional<AllotException> failure() {
        return Optional.ofNullable(problem);
    }

    /** The evidence valuation notes of a done solve (empty otherwise). */
    public List<String> valueNotes() {
        return solved == null ? List.of() : solved.valueNotes();
    }
}
