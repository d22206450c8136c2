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
 * Shadow prices from the "fixed LP": the model with the chosen funded/declined decisions held fixed and grants
 * relaxed to continuous values, solved with GLOP. The dual value of a row is how much the objective would rise per
 * unit of slack given to it, e.g. the marginal value of one more GPU of a type.
 */
final class LpDuals {
    static {
        Loader.loadNativeLibraries();
    }

    private LpDuals() {}

    /**
     * @param fixed variables held at their value in {@code values} (the funded decisions)
     * @return the absolute dual value of every row (0 for rows the LP could not price), or null if GLOP failed
     */
    static double[] solve(LinearModel model, double[] values, Set<Var> fixed) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return null;
        }
        try {
            MPVariable[] lpVars = new MPVariable[model.vars().size()];
            for (Var var : model.vars()) {
                boolean hold = fixed.contains(var);
                double lower = hold ? values[var.index()] : var.lower();
                double upper = hold ? values[var.index()] : var.upper();
                lpVars[var.index()] = solver.makeNumVar(lower, upper, var.name());
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
                objective.setCoefficient(lpVars[term.var().index()],
                        objective.getCoefficient(lpVars[term.var().index()]) + term.coefficient());
            }
            objective.setMaximization();
            MPSolver.ResultStatus status = solver.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return null;
            }
            double[] duals = new double[constraints.length];
            for (int i = 0; i < constraints.length; i++) {
                duals[i] = Math.abs(constraints[i].dualValue());
            }
            return duals;
        } finally {
            solver.delete();
        }
    }
}
