package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CapacityEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules of capacity events (arrivals, retirements, outages of a pool): a known kind, whole nodes of the pool,
 * dates on or after the cycle start with an outage ending after it starts, and a pool that never holds fewer than
 * zero GPUs. Problems name the fields {@code kind}, {@code gpus}, {@code from}, {@code until}; each entry point places
 * them under the event.
 */
public final class CapacityRules {
    private CapacityRules() {}

    /** The kind spelt {@code label}, or a problem at {@code kind}. */
    public static List<Problem> kind(String label) {
        if (CapacityEvent.Kind.of(label).isPresent()) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.CAPACITY_EVENT_KIND.code(),
                "kind",
                label,
                "is not a kind of capacity event (arrival, retirement, outage)",
                Suggest.hint(label == null ? "" : label, List.of("arrival", "retirement", "outage"))));
    }

    /**
     * One event of a pool with {@code gpusPerNode}-GPU nodes in a cycle starting {@code cycleStart}.
     *
     * @param until the outage's end; must be absent for an arrival or a retirement
     */
    public static List<Problem> event(
            CapacityEvent.Kind kind,
            int gpus,
            LocalDate from,
            Optional<LocalDate> until,
            int gpusPerNode,
            LocalDate cycleStart) {
        List<Problem> problems = new ArrayList<>();
        if (gpus < 1) {
            problems.add(new Problem(
                    ErrorCode.GPU_COUNT_OUT_OF_RANGE.code(), "gpus", String.valueOf(gpus), "must be at least 1", ""));
        } else if (gpusPerNode > 0 && gpus % gpusPerNode != 0) {
            int below = gpus / gpusPerNode * gpusPerNode;
            problems.add(new Problem(
                    ErrorCode.CAPACITY_EVENT_NOT_WHOLE_NODES.code(),
                    "gpus",
                    String.valueOf(gpus),
                    "is not a whole number of the pool's " + gpusPerNode + "-GPU nodes",
                    "Maybe " + (below == 0 ? "" : below + " or ") + (below + gpusPerNode) + "?"));
        }
        if (from.isBefore(cycleStart)) {
            problems.add(new Problem(
                    ErrorCode.CAPACITY_EVENT_DATES.code(),
                    "from",
                    from.toString(),
                    "is before the cycle start " + cycleStart,
                    "Maybe change the pool's gpus instead, or date it " + cycleStart + "?"));
        }
        if (kind == CapacityEvent.Kind.OUTAGE && until.isEmpty()) {
            problems.add(new Problem(
                    ErrorCode.CAPACITY_EVENT_DATES.code(),
                    "until",
                    "",
                    "an outage needs the day its GPUs are back",
                    "Maybe " + from.plusDays(2) + "?"));
        } else if (kind == CapacityEvent.Kind.OUTAGE && !until.get().isAfter(from)) {
            problems.add(new Problem(
                    ErrorCode.CAPACITY_EVENT_DATES.code(),
                    "until",
                    until.get().toString(),
                    "is not after the outage's first day " + from,
                    "Maybe " + from.plusDays(1) + "?"));
        } else if (kind != CapacityEvent.Kind.OUTAGE && until.isPresent()) {
            problems.add(new Problem(
                    ErrorCode.CAPACITY_EVENT_DATES.code(),
                    "until",
                    until.get().toString(),
                    "only an outage ends; a " + kind.label() + " lasts",
                    "Maybe make it an outage, or remove until?"));
        }
        return problems;
    }

    /**
     * The events of one pool together: on no day do they take the pool below zero GPUs. The problem names no field
     * (the entry point places it at the pool's events).
     */
    public static List<Problem> pool(String pool, int gpus, List<CapacityEvent> events) {
        TreeSet<LocalDate> days = new TreeSet<>();
        events.forEach(event -> days.addAll(event.changeDays()));
        for (LocalDate day : days) {
            int held = gpus;
            for (CapacityEvent event : events) {
                held += event.gpusOn(day);
            }
            if (held < 0) {
                return List.of(new Problem(
                        ErrorCode.CAPACITY_EVENT_BELOW_ZERO.code(),
                        "",
                        String.valueOf(held),
                        "Pool " + pool + " would hold " + held + " GPUs on " + day + " (it has " + gpus + ")",
                        "Maybe remove at most " + gpus + " GPUs?"));
            }
        }
        return List.of();
    }
}
