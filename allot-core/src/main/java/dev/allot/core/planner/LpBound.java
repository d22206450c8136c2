package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;

/**
 * An upper bound on the value of every plan of a {@link LinearModel}, proven from any prices of its rows (weak
 * duality of the Lagrangian). For prices {@code y} and any point {@code x} within the variables' bounds that keeps
 * every row {@code lower <= a.x <= upper}:
 *
 * <pre>
 *   c.x = (c - A'y).x + y.(Ax)
 *       <= sum over variables of max((c - A'y)_j * lower_j, (c - A'y)_j * upper_j)
 *        + sum over rows of max(y_r * lower_r, y_r * upper_r)
 * </pre>
 *
 * <p>so the right side bounds the LP relaxation and therefore every whole-unit plan, whatever the prices: an LP
 * engine that stops early or reports duals with the wrong sign or within a tolerance can only make the bound looser,
 * never false. The sum is taken in a way that rounds upwards by a relative margin far above the rounding of doubles.
 * A price on a row side without a bound is dropped (it would make the sum infinite); when a variable without a bound
 * on one side keeps a reduced price towards that side the bound is infinite.
 */
final class LpBound {
    /** Added per unit of the terms summed, far above double rounding over a million terms. */
    private static final double ROUNDING = 1e-9;

    private LpBound() {}

    /** @param prices per row index, a price (any sign; a row left out may have 0) */
    static double of(LinearModel model, double[] prices) {
        int n = model.vars().size();
        double[] reduced = new double[n];
        for (Term term : model.objective()) {
            reduced[term.var().index()] += term.coefficient();
        }
        double total = 0;
        double magnitude = 0;
        for (Row row : model.rows()) {
            double y = prices[row.index()];
            if (y > 0 && Double.isInfinite(row.upper())
                    || y < 0 && Double.isInfinite(row.lower())
                    || y == 0
                    || Double.isNaN(y)) {
                continue;
            }
            double side = y > 0 ? y * row.upper() : y * row.lower();
            total += side;
            magnitude += Math.abs(side);
            for (Term term : row.terms()) {
                reduced[term.var().index()] -= y * term.coefficient();
            }
        }
        for (Var var : model.vars()) {
            double d = reduced[var.index()];
            if (d == 0) {
                continue;
            }
            double end = d > 0 ? var.upper() : var.lower();
            if (Double.isInfinite(end)) {
                return Double.POSITIVE_INFINITY;
            }
            total += d * end;
            magnitude += Math.abs(d * end);
        }
        return total + ROUNDING * magnitude;
    }
}
