package dev.allot.evidence;

/**
 * A fitted parameter with its 95 % bootstrap percentile interval.
 *
 * @param name e.g. {@code alpha}
 * @param estimate the fit on all points used
 * @param lower 2.5th percentile over bootstrap refits
 * @param upper 97.5th percentile over bootstrap refits
 */
public record ParameterInterval(String name, double estimate, double lower, double upper) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s = %.4g [%.4g, %.4g]", name, estimate, lower, upper);
    }
}
