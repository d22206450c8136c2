package dev.allot.core.model;

import java.time.Duration;

/**
 * How the planner's optimisation went.
 *
 * @param objective value of the returned plan (sum over projects of priority x value curve)
 * @param bestBound proven upper bound on any plan's objective
 * @param gap {@code (bestBound - objective) / max(1, |objective|)}; 0 when proven optimal
 * @param solver the engine, e.g. {@code cp-sat}
 * @param seed the random seed the engine used
 */
public record SolveReport(
        Status status, double objective, double bestBound, double gap, Duration solveTime, String solver, long seed) {
    /** Whether optimality was proven (within the gap limit) or a time limit stopped the search. */
    public enum Status {
        OPTIMAL,
        FEASIBLE
    }

    public SolveReport {
        Checks.present(status, "status");
        Checks.present(solveTime, "solveTime");
        Checks.present(solver, "solver");
    }
}
