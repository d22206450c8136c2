package dev.allot.evidence;

import dev.allot.core.AllotException;
import java.util.Optional;

/**
 * How fitted curves become values of compute for one cycle.
 *
 * @param cycleHours length of the cycle: one effective GPU yields this many reference GPU-hours
 * @param flopPerGpuHour sustained training FLOP of one reference GPU in an hour, to place GPU-hours on a FLOP curve
 *     (e.g. 1e15 FLOP/s x 40 % utilisation x 3600 s = 1.44e18); 0 when no curve is in FLOP
 */
public record ValueSettings(double cycleHours, double flopPerGpuHour) {
    public ValueSettings {
        if (!(cycleHours > 0)) {
            throw AllotException.invalid(
                    "VALUE_CYCLE_HOURS",
                    "The cycle length (" + cycleHours + " hours) must be positive. Maybe 720 for 30 days?");
        }
        if (!(flopPerGpuHour >= 0)) {
            throw AllotException.invalid(
                    "VALUE_FLOP_PER_GPU_HOUR",
                    "FLOP per GPU-hour (" + flopPerGpuHour + ") must be >= 0. Maybe 1.44e18 for an H100 at 40 %?");
        }
    }

    /**
     * The value curve of a project from its fit, or empty when the fit is not usable (not fitted, or a poor fit:
     * the project is then valued by its priority weight alone, and the fit's message says why).
     *
     * @param worthPerUnit value of one unit of the metric's improvement, in effective-GPU equivalents
     */
    public Optional<CompiledCurve> compile(ComputeCurveFit fit, double worthPerUnit) {
        if (!fit.usable()) {
            return Optional.empty();
        }
        double perGpu = fit.series().computeUnit() == ComputeUnit.GPU_HOURS ? cycleHours : cycleHours * flopPerGpuHour;
        if (!(perGpu > 0)) {
            throw AllotException.invalid(
                    "VALUE_FLOP_PER_GPU_HOUR",
                    "The curve of " + fit.series().project() + " ("
                            + fit.series().metric().name()
                            + ") is in FLOP but FLOP per GPU-hour is not set. Maybe set it, e.g. 1.44e18?");
        }
        return Optional.of(new CompiledCurve(
                fit.curve().orElseThrow(),
                fit.series().largestCompute(),
                perGpu,
                worthPerUnit,
                fit.series().metric()));
    }
}
