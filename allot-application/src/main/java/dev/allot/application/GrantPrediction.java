package dev.allot.application;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.evidence.CompiledCurve;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ValueSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a grant puts a project on its fitted curve: the metric predicted once the project has spent the grant's
 * compute over the cycle, on top of the largest compute it measured. The compute comes from the grant's effective GPUs
 * (GPUs times the lab's relative speed of their type), the same rule the planner values evidence by
 * ({@link ValueSettings#compile}), so the marker on a curve is the point the plan was valued at.
 *
 * @param label what the grant is ("now", "current grant", "proposed grant")
 * @param gpus GPUs of the grant (0 for "now")
 * @param effectiveGpus the grant in reference-speed GPUs
 * @param compute the compute the project stands at with the grant, in the curve's unit
 * @param predicted the metric the curve predicts there
 * @param lower lower end of the 95 % band there (equal to {@code predicted} without bootstrap refits)
 * @param upper upper end of the 95 % band there
 */
public record GrantPrediction(
        String label, int gpus, double effectiveGpus, double compute, double predicted, double lower, double upper) {

    /** A grant to predict: {@code gpus} GPUs worth {@code effectiveGpus} reference-speed GPUs. */
    public record At(String label, int gpus, double effectiveGpus) {
        /** Where the project stands without more compute: its largest measured point. */
        public static final At NOW = new At("now", 0, 0);

        /** The grant {@code allocation}, its effective GPUs weighed by {@code relativeSpeeds}. */
        public static At of(String label, Allocation allocation, Map<GpuTypeId, Double> relativeSpeeds) {
            return new At(label, allocation.totalGpus(), allocation.effectiveGpus(relativeSpeeds));
        }
    }

    /**
     * The predicted points of {@code grants} on the fit's curve; none when the fit has no usable curve (too few points,
     * flat, or a poor fit: a curve that does not describe its data predicts nothing).
     */
    public static List<GrantPrediction> of(ComputeCurveFit fit, ValuePolicy value, List<At> grants) {
        if (!fit.usable()) {
            return List.of();
        }
        Optional<CompiledCurve> compiled =
                new ValueSettings(value.cycleHours(), value.flopPerGpuHour()).compile(fit, 1);
        if (compiled.isEmpty()) {
            return List.of();
        }
        CompiledCurve curve = compiled.get();
        List<GrantPrediction> predictions = new ArrayList<>();
        for (At grant : grants) {
            double compute = curve.startCompute() + grant.effectiveGpus() * curve.computePerEffectiveGpu();
            double predicted = curve.curve().metric(compute);
            double[] band =
                    fit.bootstrapRefits().isEmpty() ? new double[] {predicted, predicted} : fit.metricInterval(compute);
            predictions.add(new GrantPrediction(
                    grant.label(), grant.gpus(), grant.effectiveGpus(), compute, predicted, band[0], band[1]));
        }
        return predictions;
    }
}
