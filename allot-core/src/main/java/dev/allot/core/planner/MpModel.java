package dev.allot.core.planner;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A part of a model written on its own (a block or group of the large-lab path): its variables by model index
     * and its constraints in the order of the rows given.
     */
    record Part(Map<Integer, MPVariable> vars, List<MPConstraint> constraints) {}

    /** A row's bound as the part holds it (e.g. moved by what the rest of the model holds, or scaled by a share). */
    @FunctionalInterface
    interface Side {
        double of(Row row, double bound);
    }

    /**
     * Writes only {@code vars} (their terms in {@code rows}, the objective coefficients by model index in {@code
     * objective}) and {@code rows}, each finite bound passed through {@code side}; terms of other variables are left
     * out. Nothing is named: a part is solved, never exported, and names cost memory in the native model.
     *
     * @param relax every variable continuous (an LP), regardless of integrality
     */
    static Part writePart(
            MPSolver solver,
            List<Var> vars,
            ToDoubleFunction<Var> lower,
            ToDoubleFunction<Var> upper,
            boolean relax,
            double[] objective,
            List<Row> rows,
            Side side) {
        Map<Integer, MPVariable> made = new HashMap<>();
        MPObjective goal = solver.objective();
        for (Var var : vars) {
            double low = lower.applyAsDouble(var);
            double high = upper.applyAsDouble(var);
            MPVariable mp =
                    var.integer() && !relax ? solver.makeIntVar(low, high, "") : solver.makeNumVar(low, high, "");
            made.put(var.index(), mp);
            if (objective[var.index()] != 0) {
                goal.setCoefficient(mp, objective[var.index()]);
            }
        }
        goal.setMaximization();
        List<MPConstraint> constraints = new ArrayList<>(rows.size());
        for (Row row : rows) {
            MPConstraint constraint = solver.makeConstraint(
                    Double.isInfinite(row.lower()) ? -MPSolver.infinity() : side.of(row, row.lower()),
                    Double.isInfinite(row.upper()) ? MPSolver.infinity() : side.of(row, row.upper()),
                    "");
            for (Term term : row.terms()) {
                MPVariable mp = made.get(term.var().index());
                if (mp != null) {
                    constraint.setCoefficient(mp, constraint.getCoefficient(mp) + term.coefficient());
                }
            }
            constraints.add(constraint);
        }
        return new Part(made, constraints);
    }
}
