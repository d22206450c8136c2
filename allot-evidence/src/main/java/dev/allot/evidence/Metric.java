package dev.allot.evidence;

import java.util.Objects;

/**
 * What is measured.
 *
 * @param name e.g. {@code validation-loss} or {@code arc_easy/acc}
 * @param unit e.g. {@code nats}, {@code fraction}, or empty when unitless
 * @param direction which way is better
 * @param visibility public benchmark or private held-out set
 */
public record Metric(String name, String unit, Direction direction, Visibility visibility) {
    public Metric {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        unit = unit == null ? "" : unit;
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(visibility, "visibility");
    }
}
