package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.List;
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
                        var -> lower(var, values, fixed, droppable),
                        var -> upper(var, values, fixed),
                        true)
                .constraints();
        return solved(solver, constraints);
    }

    /**
     * The fixed LP of a part of the model (a group of a large lab): its variables, and its rows with their bounds
     * passed through {@code side} (a coupling row's share); terms of other variables left out. Null as above.
     *
     * @param objective the objective coefficients by variable index
     */
    static FixedLp solvePart(
            LinearModel model,
            List<Var> vars,
            List<Row> rows,
            double[] objective,
            double[] values,
            Set<Var> fixed,
            boolean droppable,
            MpModel.Side side) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return null;
        }
        List<MPConstraint> written = MpModel.writePart(
                        solver,
                        vars,
                        var -> lower(var, values, fixed, droppable),
                        var -> upper(var, values, fixed),
                        true,
                        objective,
                        rows,
                        side)
                .constraints();
        MPConstraint[] constraints = new MPConstraint[model.rows().size()];
        for (int r = 0; r < rows.size(); r++) {
            constraints[rows.get(r).index()] = written.get(r);
        }
        return solved(solver, constraints);
    }

    private static double lower(Var var, double[] values, Set<Var> fixed, boolean droppable) {
        if (!fixed.contains(var)) {
            return var.lower();
        }
        return droppable ? Math.min(0, values[var.index()]) : values[var.index()];
    }

    private static double upper(Var var, double[] values, Set<Var> fixed) {
        return fixed.contains(var) ? values[var.index()] : var.upper();
    }

    private static FixedLp solved(MPSolver solver, MPConstraint[] constraints) {
        MPObjective objective = solver.objective();
        solver.setSolverSpecificParametersAsString(GLOP_PARAMETERS);
        if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
            solver.delete();
            return null;
        }
        return new FixedLp(solver, constraints, objective.value());
    }

    /** Variables of the LP: the whole model's, or a part's. */
    int columns() {
        return solver.numVariables();
    }

    /** Absolute dual value of each row of the model (0 for a row the part leaves out). */
    double[] duals() {
        double[] duals = new double[constraints.length];
        for (int i = 0; i < constraints.length; i++) {
            duals[i] = constraints[i] == null ? 0 : Math.abs(constraints[i].dualValue());
        }
        return duals;
    }

    /**
     * Value per GPU of changing an upper-bounded row's bound by {@code delta} GPUs: positive delta gives the value
     * of more capacity, negative delta the value lost by taking GPUs away (their worth elsewhere).
     */
    double valuePerUnit(Row row, double delta) {
        MPConstraint constraint = constraints[row.index()];
        if (constraint == null) {
            return Double.NaN;
        }
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
