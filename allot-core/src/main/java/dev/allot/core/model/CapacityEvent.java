package dev.allot.core.model;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A dated change of one pool's GPUs within a cycle: an arrival adds GPUs from a date on, a retirement removes them
 * from a date on, an outage (a maintenance or power window) removes them from its first day up to, not including,
 * its {@code until} day. Counted in GPUs; the rules require whole nodes of the pool.
 *
 * @param pool name of the pool it changes
 * @param gpus GPUs added or removed, at least one
 * @param from first day the change holds
 * @param until for an outage, the first day the GPUs are back; empty for an arrival or a retirement
 */
public record CapacityEvent(String pool, Kind kind, int gpus, LocalDate from, Optional<LocalDate> until) {
    /** What happens to the pool. */
    public enum Kind {
        ARRIVAL,
        RETIREMENT,
        OUTAGE;

        /** Lower-case name as used in files and the API. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind spelt {@code label} (any case), if any. */
        public static Optional<Kind> of(String label) {
            for (Kind kind : values()) {
                if (kind.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public CapacityEvent {
        Checks.present(pool, "pool");
        Checks.present(kind, "kind");
        Checks.positive(gpus, "gpus");
        Checks.present(from, "from");
        Checks.present(until, "until");
        if (kind == Kind.OUTAGE && (until.isEmpty() || !until.get().isAfter(from))) {
            throw new IllegalArgumentException("an outage of pool " + pool + " needs an until date after " + from);
        }
        if (kind != Kind.OUTAGE && until.isPresent()) {
            throw new IllegalArgumentException("only an outage has an until date, not a " + kind.label());
        }
    }

    public static CapacityEvent arrival(String pool, int gpus, LocalDate from) {
        return new CapacityEvent(pool, Kind.ARRIVAL, gpus, from, Optional.empty());
    }

    public static CapacityEvent retirement(String pool, int gpus, LocalDate from) {
        return new CapacityEvent(pool, Kind.RETIREMENT, gpus, from, Optional.empty());
    }

    public static CapacityEvent outage(String pool, int gpus, LocalDate from, LocalDate until) {
        return new CapacityEvent(pool, Kind.OUTAGE, gpus, from, Optional.of(until));
    }

    /** GPUs this event adds to its pool on {@code day}: positive for an arrival, negative for a loss, else 0. */
    public int gpusOn(LocalDate day) {
        if (day.isBefore(from)) {
            return 0;
        }
        return switch (kind) {
            case ARRIVAL -> gpus;
            case RETIREMENT -> -gpus;
            case OUTAGE -> day.isBefore(until.get()) ? -gpus : 0;
        };
    }

    /** The days on which this event changes its pool: its first day, and for an outage the day it ends. */
    public java.util.List<LocalDate> changeDays() {
        return until.map(end -> java.util.List.of(from, end)).orElse(java.util.List.of(from));
    }

    /** {@code +512 from 2027-02-12}, {@code -64 from 2027-02-20 until 2027-02-22}. */
    public String describe() {
        return (kind == Kind.ARRIVAL ? "+" : "-") + gpus + " from " + from
                + until.map(end -> " until " + end).orElse("");
    }
}
