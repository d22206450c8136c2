package dev.allot.core.model;

import java.util.Objects;

/** Typed id: GPU type name as the lab writes it, e.g. H100. */
public record GpuTypeId(String value) implements Comparable<GpuTypeId> {
    public GpuTypeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("GpuTypeId must not be blank");
        }
    }

    public static GpuTypeId of(String value) {
        return new GpuTypeId(value);
    }

    @Override
    public int compareTo(GpuTypeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
