package dev.allot.core.model;

import java.util.Objects;

/** Typed id: review cycle id, e.g. 2026-12. */
public record CycleId(String value) implements Comparable<CycleId> {
    public CycleId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CycleId must not be blank");
        }
    }

    public static CycleId of(String value) {
        return new CycleId(value);
    }

    @Override
    public int compareTo(CycleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
