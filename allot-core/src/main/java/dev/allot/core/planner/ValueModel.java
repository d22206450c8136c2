package dev.allot.core.planner;

import dev.allot.core.model.Ask;
import dev.allot.core.model.GpuTypeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a project's effective compute turns into value, as a concave piecewise-linear curve (before the priority
 * weight). Implementations must return segments with non-increasing {@code valuePerEffectiveGpu}; the planner
 * checks this. A later implementation fits the curve from a project's scaling-curve evidence.
 */
@FunctionalInterface
public interface ValueModel {
    /**
     * @param ask the project's ask
     * @param bestSpeed the highest effective speed (lab speed x project speed factor) among the types it accepts, so
     *     that {@code targetGpus x bestSpeed} is its target in effective GPUs
     */
    List<ValueSegment> segments(Ask ask, double bestSpeed);

    /**
     * One GPU of a project's grant, for {@link #metricWords}: the {@code gpuIndex}-th GPU of {@code type} (65 for the
     * one after 64), worth {@code effectiveSpeed} effective GPUs to the project, which holds {@code
     * effectiveGpusBefore} effective GPUs without it.
     */
    record NextGpu(Ask ask, GpuTypeId type, int gpuIndex, double effectiveSpeed, double effectiveGpusBefore) {}

    /**
     * What the first GPU buys its project in the metric the value model measures it by, compared with the others
     * ("the 65th H100 for project x buys an expected 0.004 lower loss (worth 2.1); for y 0.0009 (worth 0.6)"); empty
     * when the model has no metric for the first one's project. Explanations print it beside the priority
     * thresholds. The default, for models that value compute by priority weights alone, has no metric.
     */
    default Optional<String> metricWords(List<NextGpu> gpus) {
        return Optional.empty();
    }

    /**
     * The default curve: full value per effective GPU up to the target, then diminishing returns — half value for
     * the first half of the way to the ceiling, a quarter for the rest.
     */
    static ValueModel targetThenDiminishing() {
        return (ask, bestSpeed) -> {
            double target = ask.targetGpus() * bestSpeed;
            double ceiling = ask.ceilingGpus() * bestSpeed;
            double middle = (target + ceiling) / 2;
            List<ValueSegment> segments = new ArrayList<>();
            segments.add(new ValueSegment(target, 1.0));
            if (ceiling > target) {
                segments.add(new ValueSegment(middle - target, 0.5));
                segments.add(new ValueSegment(ceiling - middle, 0.25));
            }
            return segments;
        };
    }
}
