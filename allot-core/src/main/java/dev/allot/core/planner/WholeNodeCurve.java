package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A project's value curve as the model sees it when grants come in whole units: the same values at every effective
 * compute a grant can reach, and the chord between the two reachable points around each breakpoint that no grant
 * reaches. A grant's effective compute is {@code Σ_t step_t n_t} with whole {@code n_t} (its units of each accepted
 * type, {@code step_t} the effective GPUs of one unit), so a breakpoint of the curve such as the target or the middle
 * of the way to the ceiling is often out of reach (target 40 GPUs x 1.4 = 56 effective GPUs is 5 H200 nodes, but
 * 7 H100 nodes are 56 too and 6 are 48). The LP relaxation of the original curve may stop a grant exactly there, at a
 * fraction of a node, and its bound then counts value no whole-node plan has; with the chord it counts at most what
 * the two whole-node neighbours give.
 *
 * <p>Exact for the MIP: at every reachable point the new curve equals the original (the only points it lowers lie
 * strictly between two reachable neighbours of a breakpoint), and it stays concave (it interpolates a concave curve).
 * So plans, their values and the optimum do not change; only the relaxation is tighter. Reachable points are
 * enumerated over the project's units with its ceiling; where that would take more than {@link #ENUMERATION_LIMIT}
 * combinations (many types and a very large ceiling) the breakpoint is kept as it is, which is always valid.
 */
final class WholeNodeCurve {
    /** Most unit combinations enumerated per breakpoint. */
    static final int ENUMERATION_LIMIT = 20_000;

    private static final double SAME = 1e-9;

    private WholeNodeCurve() {}

    /**
     * A project's whole units.
     *
     * @param steps per accepted type, the effective GPUs of one unit (effective speed x unit GPUs)
     * @param units per accepted type (same order), the GPUs of one unit
     * @param most per accepted type (same order), the most units the project may get of it
     * @param ceilingGpus the most GPUs the project may get in all
     */
    record Units(double[] steps, int[] units, int[] most, int ceilingGpus) {
        /** The units of a project's unit variables, each type's effective GPUs per GPU given by {@code speed}. */
        static Units of(Map<GpuTypeId, Var> byType, Fleet fleet, ToDoubleFunction<GpuTypeId> speed, int ceilingGpus) {
            double[] steps = new double[byType.size()];
            int[] units = new int[byType.size()];
            int[] most = new int[byType.size()];
            int i = 0;
            for (Map.Entry<GpuTypeId, Var> entry : byType.entrySet()) {
                units[i] = fleet.unitGpus(entry.getKey());
                steps[i] = speed.applyAsDouble(entry.getKey()) * units[i];
                most[i] = (int) entry.getValue().upper();
                i++;
            }
            return new Units(steps, units, most, ceilingGpus);
        }
    }

    /** @param curve the value curve (concave) */
    static List<ValueSegment> of(List<ValueSegment> curve, Units units) {
        if (curve.isEmpty() || units.steps().length == 0) {
            return curve;
        }
        List<Double> points = new ArrayList<>();
        points.add(0.0);
        double end = 0;
        for (ValueSegment segment : curve) {
            end += segment.lengthEffectiveGpus();
            double[] around = around(units, end);
            if (around != null) {
                points.add(around[0]);
                points.add(around[1]);
            } else {
                points.add(end);
            }
        }
        points.sort(Double::compare);
        List<ValueSegment> tightened = new ArrayList<>();
        double previousSlope = Double.POSITIVE_INFINITY;
        double at = 0;
        double valueAt = 0;
        for (double point : points) {
            if (point <= at + SAME) {
                continue;
            }
            double value = Explainer.curveValue(curve, point);
            // never steeper than the piece before (floating-point guard): lowering a slope keeps the curve below
            double slope = Math.min(previousSlope, Math.max(0, (value - valueAt) / (point - at)));
            tightened.add(new ValueSegment(point - at, slope));
            previousSlope = slope;
            valueAt = valueAt + slope * (point - at);
            at = point;
        }
        return tightened;
    }

    /**
     * The reachable sums {@code Σ_t steps_t n_t} (whole {@code n_t <= most_t}, {@code Σ_t units_t n_t <=
     * ceilingGpus}) nearest at or below and at or above {@code point}, as {@code {below, above}}; null when none is
     * above or the enumeration would exceed {@link #ENUMERATION_LIMIT}.
     */
    static double[] around(Units units, double point) {
        Reach reach = new Reach(units.steps(), units.units(), units.most(), units.ceilingGpus(), point);
        return reach.complete && reach.below >= 0 && reach.above < Double.POSITIVE_INFINITY
                ? new double[] {reach.below, reach.above}
                : null;
    }

    /** The reachable effective compute nearest below and above a point. */
    private static final class Reach {
        private final double[] steps;
        private final int[] units;
        private final int[] maxUnits;
        private final double target;
        private double below = -1;
        private double above = Double.POSITIVE_INFINITY;
        private int visited;
        private boolean complete = true;

        Reach(double[] steps, int[] units, int[] maxUnits, int ceilingGpus, double target) {
            this.steps = steps;
            this.units = units;
            this.maxUnits = maxUnits;
            this.target = target;
            visit(0, 0, ceilingGpus);
        }

        private void visit(int type, double effective, int gpusLeft) {
            if (!complete) {
                return;
            }
            if (++visited > ENUMERATION_LIMIT) {
                complete = false;
                return;
            }
            int most = Math.min(maxUnits[type], gpusLeft / units[type]);
            if (type == steps.length - 1) {
                double step = steps[type];
                double toTarget = (target - effective) / step;
                int down = (int) Math.min(most, Math.floor(toTarget + SAME));
                if (down >= 0) {
                    below = Math.max(below, effective + down * step);
                }
                int up = (int) Math.max(0, Math.ceil(toTarget - SAME));
                if (up <= most) {
                    above = Math.min(above, effective + up * step);
                }
                return;
            }
            for (int n = 0; n <= most; n++) {
                double reached = effective + n * steps[type];
                visit(type + 1, reached, gpusLeft - n * units[type]);
                if (reached >= target - SAME) {
                    // more units of this type only lead further above the point
                    return;
                }
            }
        }
    }
}
