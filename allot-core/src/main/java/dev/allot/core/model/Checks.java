package dev.allot.core.model;

import java.util.Objects;

/** Argument checks for compact constructors; failures here are programming errors, not user input errors. */
final class Checks {
    private Checks() {}

    static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    static double positive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    static double fraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
        return value;
    }

    static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
