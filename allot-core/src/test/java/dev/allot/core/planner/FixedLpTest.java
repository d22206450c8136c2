package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixed LP's price of a capacity change, re-solved from the previous basis, is what solving the fixed LP afresh
 * with that capacity gives: the re-solves that price explanations may start where the last one ended without
 * changing a number.
 */
class FixedLpTest {
    static LongStream seeds() {
        return LongStream.range(300, 306);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aCapacityChangeReSolvedFromTheLastBasisIsPricedAsAFreshSolve(long seed) {
        Lab lab = RandomLabs.shaped(seed, 40, 3);
        AllocationModel allocation = LabBuilder.model(lab);
        SolverOutcome plan = MipEngine.solve("SCIP", allocation.model, row -> true, true, PlannerOptions.defaults());
        assertThat(OverTimeSolve.found(plan)).isTrue();
        Set<Var> funded = new HashSet<>(allocation.funded);
        List<Row> capacities = allocation.model.rows().stream()
                .filter(row -> row.group().family() == RuleFamily.CAPACITY)
                .toList();

        try (FixedLp warm = FixedLp.solve(allocation.model, plan.values(), funded, false)) {
            assertThat(warm).isNotNull();
            double base = fresh(allocation, plan.values(), funded, null, 0);
            for (Row capacity : capacities) {
                for (int delta : new int[] {8, -8, 16}) {
                    double priced = warm.valuePerUnit(capacity, delta);
                    double changed = fresh(allocation, plan.values(), funded, capacity, delta);
                    double expected = Double.isNaN(changed) ? Double.NaN : Math.abs(changed - base) / Math.abs(delta);
                    if (Double.isNaN(expected)) {
                        assertThat(priced).as("%s %+d", capacity.name(), delta).isNaN();
                    } else {
                        assertThat(priced).as("%s %+d", capacity.name(), delta).isCloseTo(expected, within(1e-6));
                    }
                }
            }
        }
    }

    /** The fixed LP's optimum with one capacity row moved by delta, solved by GLOP from nothing; NaN if not solved. */
    private static double fresh(AllocationModel allocation, double[] values, Set<Var> funded, Row capacity, int delta) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        try {
            var written = MpModel.write(
                    solver,
                    allocation.model,
                    row -> true,
                    true,
                    var -> funded.contains(var) ? values[var.index()] : var.lower(),
                    var -> funded.contains(var) ? values[var.index()] : var.upper(),
                    true);
            if (capacity != null) {
                var constraint = written.constraints()[capacity.index()];
                constraint.setUb(Math.max(0, constraint.ub() + delta));
            }
            return solver.solve() == MPSolver.ResultStatus.OPTIMAL
                    ? solver.objective().value()
                    : Double.NaN;
        } finally {
            solver.delete();
        }
    }
}
