package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Project;
import java.util.Map;
import java.util.Optional;

/**
 * One project as the model sees it: its ask (if any), pin, override, previous grant and priority, with the model
 * variables that hold its grant.
 *
 * @param effectiveSpeed per accepted type, effective GPUs per GPU for this project (lab speed x speed factor)
 * @param bestSpeed the highest of {@code effectiveSpeed}
 * @param askNote empty for the project's own ask; for an ask standing in for a missing one, the policy rule that
 *     made it (see {@link MissingAsks})
 */
record PlannedProject(
        Project project,
        Optional<Ask> ask,
        Optional<Pin> pin,
        Optional<DeciderOverride> override,
        Allocation previous,
        double priority,
        Map<GpuTypeId, Double> effectiveSpeed,
        double bestSpeed,
        String inactiveReason,
        String askNote) {

    /** True when the planner may grant it anything: it asks (or is pinned) and is active. */
    boolean plannable() {
        return pin.isPresent() || (ask.isPresent() && inactiveReason.isEmpty());
    }

    int floorGpus() {
        return ask.map(Ask::floorGpus).orElse(0);
    }

    int targetGpus() {
        return ask.map(Ask::targetGpus).orElse(0);
    }

    int ceilingGpus() {
        return ask.map(Ask::ceilingGpus).orElse(0);
    }

    /** The same project at another priority accepting other types (for re-solves that explain a plan). */
    PlannedProject with(double newPriority, Map<GpuTypeId, Double> speeds) {
        double best =
                speeds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new PlannedProject(
                project,
                ask,
                pin,
                override,
                previous,
                newPriority,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(speeds)),
                best,
                inactiveReason,
                askNote);
    }
}
