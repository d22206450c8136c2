package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.Set;

/**
 * The "fixed LP": the model with the chosen funded/declined decisions held at their values and grants relaxed to
 * continuous, solved with GLOP. It prices the rules: the dual value of a row, and — robust where the LP is
 * degenerate and duals are ambiguous — the change in value when a capacity row gets more or fewer GPUs, re-solved
 * from the previous basis. Not thread-safe; close it to free the native solver.
 */
final class FixedLp implements AutoCloseable {
    static {
        Loader.loadNativeLibraries();
    }

    /**
     * GLOP's dual simplex without presolve, with perturbed costs while it iterates (the optimum is that of the true
     * costs): the re-solves of {@link #valuePerUnit} then start from the previous basis (with presolve each started
     * afresh). On the 3,000-project lab the first solve and eight re-solves took about 0.45x the CPU time of the
     * default primal simplex with presolve, to the same values (docs/benchmarks.md).
     */
    private static final String GLOP_PARAMETERS =
            "use_dual_simplex:true use_preprocessing:false perturb_costs_in_dual_simplex:true";

    private final MPSolver solver;
    private final MPConstraint[] constraints;
    private final double objective;

    private FixedLp(MPSolver solver, MPConstraint[] constraints, double objective) {
        this.solver = solver;
        this.constraints = constraints;
        this.objective = objective;
    }

    /**
     * Builds and solves the fixed LP; null when GLOP is unavailable or the LP is not solved to optimality.
     *
     * @param droppable when true, variables held at a positive value may drop to 0 (funded projects may lose their
     *     funding, so capacity can always be taken away); when false they are held exactly
     */
    static FixedLp solve(LinearModel model, double[] values, Set<Var> fixed, boolean droppable) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return null;
        }
        MPConstraint[] constraints = MpModel.write(
                        solver,
                        model,
                        row -> true,
                        true,
                        var -> fixed.contains(var)
                                ? (droppable ? Math.min(0, values[var.index()]) : values[var.index()])
                                : var.lower(),
                        var -> fixed.contains(var) ? values[var.index()] : var.upper(),
                        true)
                .constraints();
        MPObjective objective = solver.objective();
        solver.setSolverSpecificParametersAsString(GLOP_PARAMETERS);
        if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
            solver.delete();
            return null;
        }
        return new FixedLp(solver, constraints, objective.value());
    }

    /** Absolute dual value of each row of the model. */
    double[] duals() {
        double[] duals = new double[constraints.length];
        for (int i = 0; i < constraints.length; i++) {
            duals[i] = Math.abs(constraints[i].dualValue());
        }
        return duals;
    }

    /**
     * Value per GPU of changing an upper-bounded row's bound by {@code delta} GPUs: positive delta gives the value
     * of more capacity, negative delta the value lost by taking GPUs away (their worth elsewhere).
     */
    double valuePerUnit(Row row, double delta) {
        MPConstraint constraint = constraints[row.index()];
        double upper = constraint.ub();
        try {
            constraint.setUb(Math.max(0, upper + delta));
            if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
                return Double.NaN;
            }
            double changed = solver.objective().value();
            return Math.abs(changed - objective) / Math.abs(delta);
        } finally {
            constraint.setUb(upper);
        }
    }

    @Override
    public void close() {
        solver.delete();
    }
}
