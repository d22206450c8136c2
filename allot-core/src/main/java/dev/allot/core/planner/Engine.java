package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Row;
import java.util.List;
import java.util.function.Predicate;

/**
 * A MIP engine that solves a {@link LinearModel}, chosen by name in {@link PlannerOptions#engine()}: {@code scip}
 * (the default: deterministic, strong LP bounds), {@code highs}, {@code cbc}, or {@code cp-sat}.
 */
interface Engine {
    List<String> NAMES = List.of("scip", "highs", "cbc", "cp-sat");

    /**
     * @param keep which rows to include (all for planning; subsets for conflict search)
     * @param optimise false for a pure feasibility check
     */
    SolverOutcome solve(
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            PlannerOptions options,
            ProgressListener listener);

    static Engine named(String name) {
        return switch (name) {
            case "cp-sat" -> CpSatEngine::solve;
            case "scip" ->
                (model, keep, optimise, options, listener) -> MipEngine.solve("SCIP", model, keep, optimise, options);
            case "highs" ->
                (model, keep, optimise, options, listener) -> MipEngine.solve("HIGHS", model, keep, optimise, options);
            case "cbc" ->
                (model, keep, optimise, options, listener) -> MipEngine.solve("CBC", model, keep, optimise, options);
            default -> throw new IllegalArgumentException("unknown engine " + name + "; known: " + NAMES);
        };
    }
}
