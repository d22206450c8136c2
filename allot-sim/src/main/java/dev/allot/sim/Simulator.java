package dev.allot.sim;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays a job trace against a plan on the lab's nodes under a sharing policy, and measures what it does to every
 * project, category and GPU type. The entry point of the simulator.
 *
 * <p>Model: jobs arrive at their (scaled) submit time, each needing a number of GPUs at once for a running time that
 * depends on the GPU type; small jobs run on one node, larger ones on whole nodes of one pool. The policy decides,
 * at each event time, which pending jobs start and whether borrowed GPUs are reclaimed. Preempted jobs resume from
 * where they stopped. Deterministic: the same inputs and options (including the seed) give the same outcome.
 * Instances are immutable and thread-safe; each run is single-threaded, and {@code compare} runs several at once.
 */
public final class Simulator {
    private final SimOptions options;

    private Simulator(SimOptions options) {
        this.options = options;
    }

    public static Simulator create(SimOptions options) {
        return new Simulator(options);
    }

    public SimOptions options() {
        return options;
    }

    public SimOutcome run(Lab lab, Plan plan, Trace trace, SharingPolicy policy) {
        return run(lab, plan, trace, policy, null);
    }

    /** One run; {@code progress} may be null. */
    public SimOutcome run(Lab lab, Plan plan, Trace trace, SharingPolicy policy, SimProgress progress) {
        return run(Workload.compile(lab, plan, trace, options), trace, policy, progress);
    }

    /**
     * The same trace and plan under several policies, compiled once; the outcomes in the given order. The runs are
     * independent and go on at the same time, one per available processor; each outcome is what that run gives alone
     * (only its wall-clock figures depend on the others).
     */
    public List<SimOutcome> compare(
            Lab lab, Plan plan, Trace trace, List<SharingPolicy> policies, SimProgress progress) {
        return compare(lab, plan, trace, policies, progress, warning -> {});
    }

    /**
     * As {@link #compare(Lab, Plan, Trace, List, SimProgress)}, telling {@code warnings} before any run which projects
     * have trace jobs the plan can never start (larger than the project's grant of every type they can use) and
     * which asks declare a job shape the trace contradicts.
     */
    public List<SimOutcome> compare(
            Lab lab,
            Plan plan,
            Trace trace,
            List<SharingPolicy> policies,
            SimProgress progress,
            java.util.function.Consumer<String> warnings) {
        Workload work = Workload.compile(lab, plan, trace, options);
        work.planWarnings().forEach(warnings);
        int threads = Math.min(policies.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<SimOutcome> outcomes = new ArrayList<>();
            for (SharingPolicy policy : policies) {
                outcomes.add(run(work, trace, policy, progress));
            }
            return outcomes;
        }
        // the runs share only the compiled workload, which none of them changes, so each gives what it gives alone
        // not closed by waiting: when a run fails, its error is reported at once, not after the longest other run
        ExecutorService pool = Executors.newFixedThreadPool(threads, Simulator::simulatingThread);
        try {
            List<Future<SimOutcome>> runs = new ArrayList<>();
            for (SharingPolicy policy : policies) {
                runs.add(pool.submit(() -> run(work, trace, policy, progress)));
            }
            List<SimOutcome> outcomes = new ArrayList<>();
            for (Future<SimOutcome> run : runs) {
                outcomes.add(result(run));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Thread simulatingThread(Runnable task) {
        Thread thread = new Thread(task, "allot-simulate");
        thread.setDaemon(true);
        return thread;
    }

    /** The run's outcome, or what it threw, as it threw it. */
    private static SimOutcome result(Future<SimOutcome> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A finished engine, whose per-job arrays hold exact start and finish times (for tests in this package). */
    Engine runEngine(Lab lab, Plan plan, Trace trace, SharingPolicy policy) {
        return runEngine(lab, plan, trace, policy, true);
    }

    /** As {@link #runEngine(Lab, Plan, Trace, SharingPolicy)}; without shortcuts each pass does all its work. */
    Engine runEngine(Lab lab, Plan plan, Trace trace, SharingPolicy policy, boolean shortcuts) {
        Engine engine = new Engine(Workload.compile(lab, plan, trace, options), policy, options, null, shortcuts);
        engine.run();
        return engine;
    }

    static SimOutcome outcome(Engine engine, Trace trace, double wallSeconds) {
        SimOutcome outcome = new OutcomeBuilder(engine).build(wallSeconds);
        return new SimOutcome(
                outcome.policy(),
                outcome.policyDescription(),
                outcome.lab(),
                outcome.cycle(),
                trace.source(),
                outcome.gpuTypeMapping(),
                outcome.groupMapping(),
                outcome.run(),
                outcome.cluster(),
                outcome.categories(),
                outcome.projects(),
                outcome.relations(),
                outcome.series(),
                outcome.timeline());
    }

    private SimOutcome run(Workload work, Trace trace, SharingPolicy policy, SimProgress progress) {
        long started = System.nanoTime();
        Engine engine = new Engine(work, policy, options, progress);
        engine.run();
        return outcome(engine, trace, (System.nanoTime() - started) / 1e9);
    }
}
