package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an ask, one method each. Problems name the fields {@code floor}, {@code target} and {@code ceiling};
 * each entry point places them (lab file {@code projects[3].ask.floor}, API {@code floorGpus}, form {@code floor}).
 */
public final class AskRules {
    private AskRules() {}

    /** A GPU count of an ask, a pin or a reserve: a whole number from 0 to {@link Limits#MAX_GPUS}. */
    public static List<Problem> gpuCount(String field, long gpus) {
        if (gpus >= 0 && gpus <= Limits.MAX_GPUS) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.GPU_COUNT_OUT_OF_RANGE.code(),
                field,
                String.valueOf(gpus),
                "must be a whole number from 0 to " + Limits.MAX_GPUS,
                gpus < 0 ? "Maybe " + Math.min(-gpus, Limits.MAX_GPUS) + "?" : "Maybe fewer GPUs?"));
    }

    /**
     * {@code floor <= target <= ceiling}. A floor above the ceiling is one problem (not also one for the target), so
     * the person sees the swap that fixes it.
     */
    public static List<Problem> order(String project, int floor, int target, int ceiling) {
        List<Problem> problems = new ArrayList<>();
        if (floor > ceiling) {
            problems.add(new Problem(
                    ErrorCode.ASK_FLOOR_ABOVE_CEILING.code(),
                    "floor",
                    String.valueOf(floor),
                    "Ask floor (" + floor + " GPUs) of project " + project + " exceeds its ceiling (" + ceiling + ")",
                    "Maybe swap floor and ceiling?"));
            return problems;
        }
        if (floor > target) {
            problems.add(new Problem(
                    ErrorCode.ASK_FLOOR_ABOVE_TARGET.code(),
                    "floor",
                    String.valueOf(floor),
                    "Ask floor (" + floor + " GPUs) of project " + project + " exceeds its target (" + target + ")",
                    "Maybe lower the floor to " + target + "?"));
        }
        if (target > ceiling) {
            problems.add(new Problem(
                    ErrorCode.ASK_TARGET_ABOVE_CEILING.code(),
                    "target",
                    String.valueOf(target),
                    "Ask target (" + target + " GPUs) of project " + project + " exceeds its ceiling (" + ceiling + ")",
                    "Maybe raise the ceiling to " + target + "?"));
        }
        return problems;
    }
}
