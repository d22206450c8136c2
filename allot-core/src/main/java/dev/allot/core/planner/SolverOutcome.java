package dev.allot.core.planner;

import java.time.Duration;

/** What an engine found: status, variable values in model units, objective and proven bound in model units. */
record SolverOutcome(Status status, double[] values, double objective, double bound, Duration wallTime) {
    enum Status {
        OPTIMAL,
        FEASIBLE,
        INFEASIBLE,
        UNKNOWN
    }

    static SolverOutcome without(Status status, Duration wallTime) {
        return new SolverOutcome(status, new double[0], Double.NaN, Double.NaN, wallTime);
    }
}
