package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
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
        MPVariable[] lpVars = new MPVariable[model.vars().size()];
        for (Var var : model.vars()) {
            boolean hold = fixed.contains(var);
            double lower = hold ? (droppable ? Math.min(0, values[var.index()]) : values[var.index()]) : var.lower();
            lpVars[var.index()] = solver.makeNumVar(lower, hold ? values[var.index()] : var.upper(), var.name());
        }
        MPConstraint[] constraints = new MPConstraint[model.rows().size()];
        for (Row row : model.rows()) {
            MPConstraint constraint = solver.makeConstraint(
                    Double.isInfinite(row.lower()) ? -MPSolver.infinity() : row.lower(),
                    Double.isInfinite(row.upper()) ? MPSolver.infinity() : row.upper(), row.name());
            for (Term term : row.terms()) {
                constraint.setCoefficient(lpVars[term.var().index()], term.coefficient());
            }
            constraints[row.index()] = constraint;
        }
        MPObjective objective = solver.objective();
        for (Term term : model.objective()) {
            MPVariable var = lpVars[term.var().index()];
            objective.setCoefficient(var, objective.getCoefficient(var) + term.coefficient());
        }
        objective.setMaximization();
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
