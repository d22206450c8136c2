package dev.allot.core.planner;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Knobs of a solve.
 *
 * @param timeLimit wall-clock limit of the search; the best plan found by then is returned with its gap
 * @param relativeGap stop once the plan is proven within this fraction of the optimum (0.001 = 0.1 %)
 * @param seed random seed of the engine (printed in every report)
 * @param workers search threads of CP-SAT (the MPSolver engines run on one thread, which keeps them deterministic)
 * @param valueModel how effective compute turns into value
 * @param explain whether to compute explanations (shadow prices, thresholds); off for pure benchmarking
 * @param engine the MIP engine: {@code scip} (default), {@code highs}, {@code cbc} or {@code cp-sat}
 * @param clock where the plan's solve time is read from; the planner reads no clock of its own, so the same lab and
 *     options give a byte-identical plan. Adapters that show solve times pass {@link InstantSource#system()}; the
 *     default {@link #NO_CLOCK} reports a solve time of 0. The time limit is kept by the engines themselves.
 */
public record PlannerOptions(
        Duration timeLimit,
        double relativeGap,
        long seed,
        int workers,
        ValueModel valueModel,
        boolean explain,
        String engine,
        InstantSource clock) {
    /** A clock that never moves: plans report a solve time of 0. */
    public static final InstantSource NO_CLOCK = InstantSource.fixed(Instant.EPOCH);

    public PlannerOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (!(relativeGap >= 0 && relativeGap < 1)) {
            throw new IllegalArgumentException("relativeGap must be within [0, 1), was " + relativeGap);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        Objects.requireNonNull(valueModel, "valueModel");
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be one of " + ENGINES + ", was " + engine);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Options without a clock: plans report a solve time of 0. */
    public PlannerOptions(
            Duration timeLimit,
            double relativeGap,
            long seed,
            int workers,
            ValueModel valueModel,
            boolean explain,
            String engine) {
        this(timeLimit, relativeGap, seed, workers, valueModel, explain, engine, NO_CLOCK);
    }

    /** Names of the engines the planner can use. */
    public static final java.util.List<String> ENGINES = Engine.NAMES;

    /** 60 s limit, 0.1 % gap, seed 42, two workers, the default value curve, with explanations, SCIP. */
    public static PlannerOptions defaults() {
        return new PlannerOptions(
                Duration.ofSeconds(60), 0.001, 42, 2, ValueModel.targetThenDiminishing(), true, "scip");
    }

    public PlannerOptions withEngine(String name) {
        return new PlannerOptions(timeLimit, relativeGap, seed, workers, valueModel, explain, name, clock);
    }

    public PlannerOptions withTimeLimit(Duration limit) {
        return new PlannerOptions(limit, relativeGap, seed, workers, valueModel, explain, engine, clock);
    }

    public PlannerOptions withRelativeGap(double gap) {
        return new PlannerOptions(timeLimit, gap, seed, workers, valueModel, explain, engine, clock);
    }

    public PlannerOptions withExplain(boolean on) {
        return new PlannerOptions(timeLimit, relativeGap, seed, workers, valueModel, on, engine, clock);
    }

    public PlannerOptions withClock(InstantSource source) {
        return new PlannerOptions(timeLimit, relativeGap, seed, workers, valueModel, explain, engine, source);
    }

    public PlannerOptions withWorkers(int count) {
        return new PlannerOptions(timeLimit, relativeGap, seed, count, valueModel, explain, engine, clock);
    }

    public PlannerOptions withValueModel(ValueModel model) {
        return new PlannerOptions(timeLimit, relativeGap, seed, workers, model, explain, engine, clock);
    }
}
