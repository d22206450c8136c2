package dev.allot.app;

import dev.allot.core.AllotException;
import dev.allot.core.planner.PlannerOptions;
import java.time.Duration;
import java.time.InstantSource;
import picocli.CommandLine.Option;

/** Planner flags shared by every command that solves: {@code --time-limit --gap --seed --workers}. */
public final class SolverOptions {
    @Option(
            names = "--time-limit",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "Stop searching after this many seconds and return the best plan found (default: ${DEFAULT-VALUE}); cbc counts"
                            + " CPU seconds, so it can run longer on a busy machine.")
    double timeLimitSeconds;

    @Option(
            names = "--gap",
            paramLabel = "PERCENT",
            defaultValue = "0.1",
            description =
                    "Stop once the plan is proven within this percentage of the optimum (default: ${DEFAULT-VALUE}).")
    double gapPercent;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description =
                    "Random seed of the solver (and of generated labs); printed in every report (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "2",
            description =
                    "Search threads of the cp-sat engine; scip, highs and cbc use one, which keeps them deterministic (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "scip",
            description = "MIP engine: scip, highs, cbc or cp-sat (default: ${DEFAULT-VALUE}).")
    String engine;

    public PlannerOptions toPlannerOptions() {
        if (!PlannerOptions.ENGINES.contains(engine)) {
            throw flag("--engine", engine, "must be one of " + String.join(", ", PlannerOptions.ENGINES));
        }
        if (!(timeLimitSeconds > 0) || timeLimitSeconds > 86_400) {
            throw flag("--time-limit", timeLimitSeconds, "must be between 0 and 86400 seconds");
        }
        if (!(gapPercent >= 0 && gapPercent < 100)) {
            throw flag("--gap", gapPercent, "must be a percentage from 0 up to (not including) 100");
        }
        if (workers < 1 || workers > 64) {
            throw flag("--workers", workers, "must be between 1 and 64");
        }
        PlannerOptions defaults = PlannerOptions.defaults();
        return new PlannerOptions(
                Duration.ofMillis((long) (timeLimitSeconds * 1000)),
                gapPercent / 100,
                seed,
                workers,
                defaults.valueModel(),
                true,
                engine,
                // The planner reads no clock; the command line shows real solve times.
                InstantSource.system());
    }

    public long seed() {
        return seed;
    }

    private static AllotException flag(String name, Object value, String reason) {
        return AllotException.invalid("BAD_FLAG", "Flag " + name + " " + reason + " (value: " + value + ").");
    }
}
