package dev.allot.core.planner;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A {@link LinearModel} written into an OR-Tools {@link MPSolver} (for the MIP engines and the fixed LP alike):
 * variables by index, constraints by row index (null for rows left out), objective maximised.
 */
record MpModel(MPVariable[] vars, MPConstraint[] constraints) {
    /**
     * @param lower each variable's lower bound (its own, or a held value)
     * @param upper each variable's upper bound
     * @param relax every variable continuous (an LP), regardless of integrality
     */
    static MpModel write(
            MPSolver solver,
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            ToDoubleFunction<Var> lower,
            ToDoubleFunction<Var> upper,
            boolean relax) {
        MPVariable[] vars = new MPVariable[model.vars().size()];
        for (Var var : model.vars()) {
            double low = lower.applyAsDouble(var);
            double high = upper.applyAsDouble(var);
            vars[var.index()] = var.integer() && !relax
                    ? solver.makeIntVar(low, high, var.name())
                    : solver.makeNumVar(low, high, var.name());
        }
        MPConstraint[] constraints = new MPConstraint[model.rows().size()];
        for (Row row : model.rows()) {
            if (!keep.test(row)) {
                continue;
            }
            MPConstraint constraint = solver.makeConstraint(
                    Double.isInfinite(row.lower()) ? -MPSolver.infinity() : row.lower(),
                    Double.isInfinite(row.upper()) ? MPSolver.infinity() : row.upper(),
                    row.name());
            for (Term term : row.terms()) {
                constraint.setCoefficient(vars[term.var().index()], term.coefficient());
            }
            constraints[row.index()] = constraint;
        }
        MPObjective objective = solver.objective();
        if (optimise) {
            for (Term term : model.objective()) {
                MPVariable var = vars[term.var().index()];
                objective.setCoefficient(var, objective.getCoefficient(var) + term.coefficient());
            }
        }
        objective.setMaximization();
        return new MpModel(vars, constraints);
    }
}
