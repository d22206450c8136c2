package dev.allot.sim;

/**
 * Each project's usage in effective GPU-seconds with exponential decay (half-life {@code h}), kept exactly and
 * lazily: between changes a project runs at a constant rate {@code r}, so
 * {@code U(t) = U(t0) 2^(-(t-t0)/h) + r h / ln 2 (1 - 2^(-(t-t0)/h))}.
 */
final class FairShareUsage {
    private final double halfLife;
    private final double[] value;
    private final double[] since;
    private final double[] rate;

    FairShareUsage(int projects, double halfLifeSeconds) {
        this.halfLife = halfLifeSeconds;
        value = new double[projects];
        since = new double[projects];
        rate = new double[projects];
    }

    double valueAt(int project, double now) {
        double decay = Math.pow(2, -(now - since[project]) / halfLife);
        return value[project] * decay + rate[project] * halfLife / Math.log(2) * (1 - decay);
    }

    double totalAt(double now) {
        double total = 0;
        for (int p = 0; p < value.length; p++) {
            total += valueAt(p, now);
        }
        return total;
    }

    /** Changes the project's rate (effective GPUs running) from now on. */
    void change(int project, double now, double deltaRate) {
        value[project] = valueAt(project, now);
        since[project] = now;
        rate[project] = Math.max(0, rate[project] + deltaRate);
    }
}
