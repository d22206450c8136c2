package dev.allot.core.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a project's effective compute (GPUs x the lab's relative speed of their type) changes from its previous grant
 * to a new one. Decisions are taken on it, not on GPU counts: H200:8 -> L40S:8 keeps eight GPUs but loses 79 % of
 * the compute.
 *
 * @param previousEffective effective compute of the previous grant
 * @param grantEffective effective compute of the new grant
 */
public record ComputeChange(Allocation previous, Allocation grant, double previousEffective, double grantEffective) {
    /** Relative difference below which two effective totals count as equal (floating-point noise, not compute). */
    static final double SAME = 1e-9;

    public ComputeChange {
        Checks.present(previous, "previous");
        Checks.present(grant, "grant");
    }

    /** The change under the lab's relative speeds; a type missing from {@code relativeSpeeds} counts for nothing. */
    public static ComputeChange of(Allocation previous, Allocation grant, Map<GpuTypeId, Double> relativeSpeeds) {
        return new ComputeChange(
                previous, grant, previous.effectiveGpus(relativeSpeeds), grant.effectiveGpus(relativeSpeeds));
    }

    /** {@code (grant - previous) / previous} in effective compute; 0 without a previous grant. */
    public double fraction() {
        return previousEffective <= 0 ? 0 : (grantEffective - previousEffective) / previousEffective;
    }

    /** -1, 0 or 1: whether the grant has less, the same or more effective compute than the previous grant. */
    public int direction() {
        double scale = Math.max(1e-12, Math.max(Math.abs(previousEffective), Math.abs(grantEffective)));
        double difference = grantEffective - previousEffective;
        return Math.abs(difference) <= SAME * scale ? 0 : (difference > 0 ? 1 : -1);
    }

    /** True when both grants hold GPUs and their sets of GPU types differ. */
    public boolean movesType() {
        Set<GpuTypeId> before = previous.gpus().keySet();
        Set<GpuTypeId> after = grant.gpus().keySet();
        return !before.isEmpty() && !after.isEmpty() && !before.equals(after);
    }

    /** {@code moves H200 -> L40S: -79 % compute} for a type move, else empty. */
    public Optional<String> typeMove() {
        if (!movesType()) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT, "moves %s -> %s: %+.0f %% compute", types(previous), types(grant), 100 * fraction()));
    }

    private static String types(Allocation allocation) {
        return String.join(
                "+", allocation.gpus().keySet().stream().map(GpuTypeId::value).toList());
    }
}
