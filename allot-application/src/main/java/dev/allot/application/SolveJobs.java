package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Draft solves as jobs: {@link #start} solves a cycle's draft in the background and answers at once with a job to
 * poll ({@link #get}) and cancel ({@link #cancel}); {@link #run} is the same solve on the caller's thread. At most
 * one solve runs per cycle, whichever way it was started: a second is refused with {@code solve-running}, naming the
 * running job. A finished job stored its draft exactly as {@link Drafts#solve} does (approvals voided, changes
 * counted); a cancelled or failed one stored nothing.
 *
 * <p>Jobs live in a {@link Registry} in this process's memory: one per server, created where the server is wired and
 * handed to every {@link Application} of it (the API's and the web UI's), so that both see the same jobs and it ends
 * with the server; the last {@value #KEPT} are kept after they finish. A restart forgets them, and each server of
 * several on one database knows only its own. Thread-safe.
 */
public final class SolveJobs {
    static final int KEPT = 100;

    /** How long {@link #cancel} waits for the engine to stop before answering with the job still running. */
    static final long CANCEL_WAIT_SECONDS = 5;

    private static final SecureRandom IDS = new SecureRandom();

    private final Drafts drafts;
    private final Registry registry;
    private final InstantSource clock = InstantSource.system();

    SolveJobs(Drafts drafts, Registry registry) {
        this.drafts = drafts;
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
    }

    /**
     * Starts solving the cycle's draft in the background. The checks that need no solving (cycle state, the
     * expected draft version) are made here, so that their problems come back at once.
     *
     * @throws AllotException {@code solve-running} when a solve of the cycle is running, naming it
     */
    public SolveJob start(CycleId cycle, Actor actor, Integer expectedDraftVersion) {
        drafts.checkSolvable(cycle, expectedDraftVersion);
        SolveRun job = claim(cycle, actor);
        Thread.ofPlatform()
                .daemon()
                .name("solve-" + cycle.value() + "-" + job.id)
                .start(() -> execute(job, expectedDraftVersion));
        return job.snapshot();
    }

    /** Solves on this thread as {@link #start} would in the background; the job's failure is thrown as it was. */
    Drafts.Solved run(CycleId cycle, Actor actor, Integer expectedDraftVersion) {
        SolveRun job = claim(cycle, actor);
        execute(job, expectedDraftVersion);
        if (job.thrown != null) {
            throw job.thrown;
        }
        return job.solved;
    }

    /** @throws AllotException {@code solve-job-not-found} when the cycle has no such job (or it was forgotten) */
    public SolveJob get(CycleId cycle, String id) {
        return find(cycle, id).snapshot();
    }

    /** The cycle's running solve, if any. */
    public Optional<SolveJob> running(CycleId cycle) {
        return Optional.ofNullable(registry.running.get(cycle)).map(SolveRun::snapshot);
    }

    /**
     * Asks the job to stop and waits up to {@value #CANCEL_WAIT_SECONDS} s for it: it ends cancelled, with nothing
     * stored. Cancelling a cancelled job again answers it as it is. A job whose engine cannot be interrupted is
     * answered still running; it stops at its next stage.
     *
     * @throws AllotException {@code solve-finished} when the job finished (or began storing its draft) first
     */
    public SolveJob cancel(CycleId cycle, String id, Actor actor) {
        SolveRun job = find(cycle, id);
        boolean accepted = job.requestCancel(actor.user());
        job.await(Duration.ofSeconds(CANCEL_WAIT_SECONDS));
        SolveJob now = job.snapshot();
        if (!accepted && now.state() != SolveJob.State.CANCELLED) {
            throw new AllotException(
                    ErrorCode.SOLVE_FINISHED,
                    "Solve job " + id + " of cycle " + cycle + " has already "
                            + (now.running()
                                    ? "begun storing its draft"
                                    : "finished (" + now.state().label() + ")")
                            + "; there is nothing to cancel. Maybe read the job for its outcome?");
        }
        return now;
    }

    /** Waits up to {@code limit} for the job to finish and answers it as it is then. */
    public SolveJob await(CycleId cycle, String id, Duration limit) {
        SolveRun job = find(cycle, id);
        job.await(limit);
        return job.snapshot();
    }

    private void execute(SolveRun job, Integer expectedDraftVersion) {
        Drafts.Solved solved = null;
        AllotException failure = null;
        RuntimeException thrown = null;
        try {
            solved = drafts.solve(job.cycle, job.actor, expectedDraftVersion, job);
        } catch (AllotException e) {
            failure = e;
            thrown = e;
        } catch (RuntimeException e) {
            failure = new AllotException(
                    ErrorCode.INTERNAL,
                    "The solve of cycle " + job.cycle + " failed unexpectedly ("
                            + e.getClass().getSimpleName() + "); nothing was stored. Maybe report it?",
                    java.util.List.of(),
                    e);
            thrown = e;
        } finally {
            // Free the cycle before the job reads as finished: whoever sees it finished may start the next solve.
            registry.running.remove(job.cycle, job);
        }
        if (failure == null) {
            job.done(solved);
        } else {
            job.failed(failure, thrown);
        }
    }

    private SolveRun claim(CycleId cycle, Actor actor) {
        SolveRun job = new SolveRun(newId(), cycle, actor, clock.instant());
        SolveRun running = registry.running.putIfAbsent(cycle, job);
        if (running != null) {
            SolveJob other = running.snapshot();
            throw new AllotException(
                    ErrorCode.SOLVE_RUNNING,
                    "A solve of cycle " + cycle + " is already running (job " + other.id() + ", started by "
                            + other.startedBy() + " " + other.elapsed().toSeconds() + " s ago); nothing was started."
                            + " Maybe wait for it, or cancel it?");
        }
        registry.remember(job);
        return job;
    }

    private SolveRun find(CycleId cycle, String id) {
        SolveRun job = registry.job(id);
        if (job == null || !job.cycle.equals(cycle)) {
            throw new AllotException(
                    ErrorCode.SOLVE_JOB_NOT_FOUND,
                    "Cycle " + cycle + " has no solve job '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                            + "' (the last " + KEPT + " jobs are kept, and not across restarts). Maybe start a new"
                            + " solve?");
        }
        return job;
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        IDS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The solve jobs of one server: the running one per cycle, and the most recent by id. Create one where the server
     * is wired and pass it to each {@link Application#over(Store, dev.allot.core.planner.Planner, Registry)} of that
     * server; it lives as long as the server does. Thread-safe.
     */
    public static final class Registry {
        final Map<CycleId, SolveRun> running = new ConcurrentHashMap<>();
        private final Map<String, SolveRun> recent = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SolveRun> eldest) {
                return size() > KEPT;
            }
        };

        synchronized void remember(SolveRun job) {
            recent.put(job.id, job);
        }

        synchronized SolveRun job(String id) {
            return recent.get(id);
        }
    }
}
