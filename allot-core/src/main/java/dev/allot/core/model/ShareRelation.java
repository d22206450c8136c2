package dev.allot.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code left >= factor x right} on granted effective compute, e.g. {@code exploratory >= product}
 * (factor 1).
 */
public record ShareRelation(CategoryId left, double factor, CategoryId right) {
    private static final Pattern WRITTEN = Pattern.compile(
            "\\s*([a-z0-9][a-z0-9-]*)\\s*>=\\s*(?:([0-9]+(?:\\.[0-9]+)?)\\s*\\*\\s*)?([a-z0-9][a-z0-9-]*)\\s*");

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

    /**
     * The relation as written ({@link #toString()}'s form), or empty when {@code text} is not of the form
     * {@code a >= b} or {@code a >= factor * b}. Whether the categories exist is the lab's to say.
     */
    public static Optional<ShareRelation> parse(String text) {
        Matcher matcher = WRITTEN.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double factor = matcher.group(2) == null ? 1.0 : Double.parseDouble(matcher.group(2));
        if (Double.isInfinite(factor)) {
            return Optional.empty();
        }
        return Optional.of(new ShareRelation(CategoryId.of(matcher.group(1)), factor, CategoryId.of(matcher.group(3))));
    }
}
