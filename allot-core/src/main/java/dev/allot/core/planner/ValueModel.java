package dev.allot.core.planner;

import dev.allot.core.model.Ask;
import java.util.ArrayList;
import java.util.List;

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
