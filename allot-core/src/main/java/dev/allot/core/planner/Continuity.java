package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import java.util.Collection;

/**
 * The range a funded continuing project's effective compute (GPUs x relative speed of their type) may take this
 * cycle: within {@code maxChangeFraction} of its previous effective compute, always allowing growth by one node of
 * its fastest-growing accepted type (its own types, not the fleet's), up to what its floor needs on its fastest type,
 * and never forcing more than its ceiling gives on its fastest type. A move to a slower type counts as the shrink it
 * is: H200:8 -> L40S:8 loses 79 % of the compute and is outside a 50 % limit.
 *
 * @param previousEffective the previous grant's effective compute
 * @param minEffective the least effective compute a funded grant may have
 * @param maxEffective the most effective compute a grant may have
 */
record Continuity(double previousEffective, double minEffective, double maxEffective) {
    /** Slack on the bounds, so a grant that meets one exactly is not refused for floating-point noise. */
    static final double TOLERANCE = 1e-6;

    private static final double STEPS = 10_000;

    static Continuity of(Policy policy, PlannedProject project, Fleet fleet) {
        return of(
                policy,
                project.previous(),
                project.floorGpus(),
                project.ceilingGpus(),
                project.effectiveSpeed().keySet(),
                fleet);
    }

    /** @param acceptedTypes the types the project accepts; empty for any type of the fleet */
    static Continuity of(
            Policy policy,
            Allocation previous,
            int floorGpus,
            int ceilingGpus,
            Collection<GpuTypeId> acceptedTypes,
            Fleet fleet) {
        Collection<GpuTypeId> accepted = acceptedTypes.isEmpty() ? fleet.types() : acceptedTypes;
        double fastest = accepted.stream().mapToDouble(fleet::speed).max().orElse(0);
        double node = accepted.stream()
                .mapToDouble(type -> fleet.unitGpus(type) * fleet.speed(type))
                .max()
                .orElse(0);
        double before = fleet.effectiveGpus(previous);
        double change = policy.maxChangeFraction();
        double min = Math.min(before * (1 - change), ceilingGpus * fastest);
        double max = Math.max(Math.max(before * (1 + change), before + node), floorGpus * fastest);
        return new Continuity(before, Math.max(0, roundDown(min)), roundUp(max));
    }

    // Bounds in steps of 1/10,000 effective GPU keep the model's coefficients exact for the integer engine.
    private static double roundDown(double effective) {
        return Math.floor(effective * STEPS + 1e-3) / STEPS;
    }

    private static double roundUp(double effective) {
        return Math.ceil(effective * STEPS - 1e-3) / STEPS;
    }

    boolean allows(double effective) {
        return effective >= minEffective - TOLERANCE && effective <= maxEffective + TOLERANCE;
    }
}
