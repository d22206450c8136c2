package dev.allot.core.model;

/**
 * Bounds on a category's share of the granted effective compute (speed-weighted GPUs), as fractions in [0, 1].
 */
public record ShareBound(CategoryId category, double minShare, double maxShare) {
    public ShareBound {
        Checks.present(category, "category");
        Checks.fraction(minShare, "minShare");
        Checks.fraction(maxShare, "maxShare");
        if (minShare > maxShare) {
            throw new IllegalArgumentException("minShare > maxShare for " + category);
        }
    }
}
