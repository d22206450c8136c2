package dev.allot.core.model;

/**
 * {@code left >= factor x right} on granted effective compute, e.g. {@code exploratory >= product}
 * (factor 1).
 */
public record ShareRelation(CategoryId left, double factor, CategoryId right) {
    public ShareRelation {
        Checks.present(left, "left");
        Checks.present(right, "right");
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be >= 0, was " + factor);
        }
    }

    /** As written in a lab file: {@code exploratory >= product} or {@code exploratory >= 1.5 * product}. */
    @Override
    public String toString() {
        String times = factor == 1.0
                ? ""
                : (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + " * ";
        return left + " >= " + times + right;
    }
}
