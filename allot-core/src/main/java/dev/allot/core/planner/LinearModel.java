package dev.allot.core.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * A mixed-integer linear program in plain values, independent of any solver: variables with bounds, named rows
 * grouped by the policy rule they come from, and a linear objective to maximise. The planner writes its model once
 * here; {@link CpSatEngine} and {@link LpDuals} translate it for their engines.
 */
final class LinearModel {
    /** A variable; {@code resolution} is the step of a continuous variable when an integer engine solves it. */
    record Var(int index, String name, double lower, double upper, boolean integer, double resolution) {}

    /** One term {@code coefficient x variable}. */
    record Term(Var var, double coefficient) {}

    /** {@code lower <= sum(terms) <= upper}; {@code group} names the rule (for conflicts and binding reports). */
    record Row(int index, String name, RuleGroup group, List<Term> terms, double lower, double upper) {}

    private final List<Var> vars;
    private final List<Row> rows;
    private final List<Term> objective;

    LinearModel() {
        this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    private LinearModel(List<Var> vars, List<Row> rows, List<Term> objective) {
        this.vars = vars;
        this.rows = rows;
        this.objective = objective;
    }

    /**
     * The same variables and rows with another objective to maximise (a re-solve at another priority, for exact
     * explanations); the rows are shared, not copied, so write no more rows into either.
     */
    LinearModel withObjective(List<Term> terms) {
        return new LinearModel(vars, rows, new ArrayList<>(terms));
    }

    Var integer(String name, double lower, double upper) {
        return add(new Var(vars.size(), name, lower, upper, true, 1));
    }

    Var bool(String name) {
        return integer(name, 0, 1);
    }

    Var continuous(String name, double lower, double upper, double resolution) {
        return add(new Var(vars.size(), name, lower, upper, false, resolution));
    }

    private Var add(Var var) {
        vars.add(var);
        return var;
    }

    Row atLeast(String name, RuleGroup group, List<Term> terms, double lower) {
        return row(name, group, terms, lower, Double.POSITIVE_INFINITY);
    }

    Row atMost(String name, RuleGroup group, List<Term> terms, double upper) {
        return row(name, group, terms, Double.NEGATIVE_INFINITY, upper);
    }

    Row equal(String name, RuleGroup group, List<Term> terms, double value) {
        return row(name, group, terms, value, value);
    }

    private Row row(String name, RuleGroup group, List<Term> terms, double lower, double upper) {
        Row row = new Row(rows.size(), name, group, List.copyOf(terms), lower, upper);
        rows.add(row);
        return row;
    }

    void maximise(Var var, double coefficient) {
        if (coefficient != 0) {
            objective.add(new Term(var, coefficient));
        }
    }

    List<Var> vars() {
        return vars;
    }

    List<Row> rows() {
        return rows;
    }

    List<Term> objective() {
        return objective;
    }

    static Term term(Var var, double coefficient) {
        return new Term(var, coefficient);
    }

    /**
     * Whether every row holds at the given values, each within {@code tolerance} of its bound, relative to the bound's
     * size (at least 1); an infinite bound always holds.
     */
    boolean rowsHold(double[] values, double tolerance) {
        for (Row row : rows) {
            double activity = activity(row, values);
            double size = Math.max(
                    Double.isFinite(row.lower()) ? Math.abs(row.lower()) : 0,
                    Double.isFinite(row.upper()) ? Math.abs(row.upper()) : 0);
            double slack = tolerance * Math.max(1, size);
            if (Double.isFinite(row.lower()) && activity < row.lower() - slack
                    || Double.isFinite(row.upper()) && activity > row.upper() + slack) {
                return false;
            }
        }
        return true;
    }

    /** Value of a row's linear expression for the given variable values. */
    static double activity(Row row, double[] values) {
        double sum = 0;
        for (Term term : row.terms()) {
            sum += term.coefficient() * values[term.var().index()];
        }
        return sum;
    }
}
