package dev.allot.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the planner values a project's compute: by priority weights alone, or by the project's fitted evidence curve
 * where it has one (projects without a usable curve keep the weights).
 *
 * @param basis weights or evidence
 * @param cycleHours the cycle's length in hours, over which a grant's GPUs compute
 * @param flopPerGpuHour FLOP one reference GPU delivers in an hour, for curves measured in FLOP
 * @param worthPerCategory worth of one unit of metric improvement, in effective-GPU equivalents, per category
 * @param worthPerProject the same per project; overrides the category's worth
 */
public record ValuePolicy(
        ValueBasis basis,
        double cycleHours,
        double flopPerGpuHour,
        Map<CategoryId, Double> worthPerCategory,
        Map<ProjectId, Double> worthPerProject) {
    /** A 30-day cycle. */
    public static final double DEFAULT_CYCLE_HOURS = 720;

    /** 1e15 FLOP/s at 40 % utilisation for an hour. */
    public static final double DEFAULT_FLOP_PER_GPU_HOUR = 1.44e18;

    public ValuePolicy {
        basis = basis == null ? ValueBasis.WEIGHTS : basis;
        // A policy stored before this field existed reads zeros; those mean "the default".
        cycleHours = cycleHours == 0 ? DEFAULT_CYCLE_HOURS : cycleHours;
        flopPerGpuHour = flopPerGpuHour == 0 ? DEFAULT_FLOP_PER_GPU_HOUR : flopPerGpuHour;
        if (!(cycleHours > 0) || !Double.isFinite(cycleHours)) {
            throw new IllegalArgumentException("cycleHours must be > 0, was " + cycleHours);
        }
        if (!(flopPerGpuHour > 0) || !Double.isFinite(flopPerGpuHour)) {
            throw new IllegalArgumentException("flopPerGpuHour must be > 0, was " + flopPerGpuHour);
        }
        worthPerCategory =
                Collections.unmodifiableMap(new TreeMap<>(worthPerCategory == null ? Map.of() : worthPerCategory));
        worthPerProject =
                Collections.unmodifiableMap(new TreeMap<>(worthPerProject == null ? Map.of() : worthPerProject));
        worthPerCategory.values().forEach(ValuePolicy::checkWorth);
        worthPerProject.values().forEach(ValuePolicy::checkWorth);
    }

    /** Priority weights alone, with the default cycle and no worth set. */
    public static ValuePolicy weights() {
        return new ValuePolicy(ValueBasis.WEIGHTS, DEFAULT_CYCLE_HOURS, DEFAULT_FLOP_PER_GPU_HOUR, Map.of(), Map.of());
    }

    public ValuePolicy withBasis(ValueBasis newBasis) {
        return new ValuePolicy(newBasis, cycleHours, flopPerGpuHour, worthPerCategory, worthPerProject);
    }

    /** The worth of one unit of metric improvement for the project: its own, else its category's, else none. */
    public Optional<Double> worth(ProjectId project, CategoryId category) {
        Double own = worthPerProject.get(project);
        return Optional.ofNullable(own != null ? own : worthPerCategory.get(category));
    }

    public boolean byEvidence() {
        return basis == ValueBasis.EVIDENCE;
    }

    private static void checkWorth(Double worth) {
        if (worth == null || !(worth >= 0) || !Double.isFinite(worth)) {
            throw new IllegalArgumentException("worth must be a finite number >= 0, was " + worth);
        }
    }

    /** What the planner values compute by. */
    public enum ValueBasis {
        WEIGHTS,
        EVIDENCE
    }
}
