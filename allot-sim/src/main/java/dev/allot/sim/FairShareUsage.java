package dev.allot.sim;

/**
 * Each project's usage in effective GPU-seconds with exponential decay (half-life {@code h}), kept exactly and
 * lazily: between changes a project runs at a constant rate {@code r}, so
 * {@code U(t) = U(t0) 2^(-(t-t0)/h) + r h / ln 2 (1 - 2^(-(t-t0)/h))}.
 *
 * <p>The sum over all projects is also kept as a running total in O(1) per change: writing each project's usage as
 * {@code r h / ln 2 + (U(t0) - r h / ln 2) 2^(-(t-t0)/h)}, the sum is a constant part (the rates) plus one part that
 * decays as a whole. The running total differs from the exact sum by rounding only; {@link #approximateTotalAt}
 * offers it where that rounding is provably small, and {@link #totalAt} is the exact sum, as before.
 */
final class FairShareUsage {
    /** Changes after which the running total is summed afresh, which bounds the rounding it gathers. */
    private static final int RESUM_EVERY_CHANGES = 256;
    /**
     * The running total is offered only while its parts are at most this many times the total, so that their
     * rounding stays within about 1e-10 of the total.
     */
    private static final double MAX_CANCELLATION = 1e3;

    private final double halfLife;
    private final double rateToUsage;
    private final double[] value;
    private final double[] since;
    private final double[] rate;

    /** Sum of every project's {@code r h / ln 2}. */
    private double constantPart;
    /** Sum of every project's {@code (U(t0) - r h / ln 2) 2^(-(reference-t0)/h)}. */
    private double decayingPart;

    private double reference;
    private int changesSinceSum;

    FairShareUsage(int projects, double halfLifeSeconds) {
        this.halfLife = halfLifeSeconds;
        this.rateToUsage = halfLifeSeconds / Math.log(2);
        value = new double[projects];
        since = new double[projects];
        rate = new double[projects];
    }

    double valueAt(int project, double now) {
        double decay = Math.pow(2, -(now - since[project]) / halfLife);
        // (rate x h) / ln 2, not rate x rateToUsage: the rounding, and so every fair-share order, stays as it was
        return value[project] * decay + rate[project] * halfLife / Math.log(2) * (1 - decay);
    }

    /** The exact sum of {@link #valueAt} over all projects, in project order. */
    double totalAt(double now) {
        double total = 0;
        for (int p = 0; p < value.length; p++) {
            total += valueAt(p, now);
        }
        return total;
    }

    /**
     * The running total at {@code now} (no earlier than the last change), within a relative 1e-9 of {@link #totalAt}
     * (in fact within about 1e-10); NaN when that cannot be vouched for (its parts cancel too much), and then only the
     * exact sum will do.
     */
    double approximateTotalAt(double now) {
        double decaying = decayingPart * Math.pow(2, -(now - reference) / halfLife);
        double total = constantPart + decaying;
        if (!(total > 0) || Math.abs(constantPart) + Math.abs(decaying) > MAX_CANCELLATION * total) {
            return Double.NaN;
        }
        return total;
    }

    /** Changes the project's rate (effective GPUs running) from now on. */
    void change(int project, double now, double deltaRate) {
        double oldRate = rate[project];
        value[project] = valueAt(project, now);
        since[project] = now;
        rate[project] = Math.max(0, oldRate + deltaRate);
        if (++changesSinceSum >= RESUM_EVERY_CHANGES) {
            sumParts(now);
            return;
        }
        // the usage is continuous: what moves from the decaying part to the constant part is the rate's change
        decayingPart =
                decayingPart * Math.pow(2, -(now - reference) / halfLife) + (oldRate - rate[project]) * rateToUsage;
        constantPart += (rate[project] - oldRate) * rateToUsage;
        reference = now;
    }

    private void sumParts(double now) {
        double constant = 0;
        double decaying = 0;
        for (int p = 0; p < value.length; p++) {
            double steady = rate[p] * rateToUsage;
            constant += steady;
            decaying += (value[p] - steady) * Math.pow(2, -(now - since[p]) / halfLife);
        }
        constantPart = constant;
        decayingPart = decaying;
        reference = now;
        changesSinceSum = 0;
    }
}
