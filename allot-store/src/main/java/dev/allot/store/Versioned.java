package dev.allot.store;

import java.util.Objects;

/**
 * A stored value with the version that optimistic concurrency checks against: a write names the version it read, and
 * is refused if someone else wrote in between.
 */
public record Versioned<T>(T value, int version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
    }

    /** The HTTP entity tag for this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
