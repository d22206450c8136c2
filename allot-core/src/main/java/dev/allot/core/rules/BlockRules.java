package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a reserved block (N GPUs of a type for D days within a window): at least one GPU in whole nodes of
 * the type, at least one day, a window on or after the cycle start and within the cycle that holds the days.
 * Problems name the fields {@code gpus}, {@code days}, {@code earliestStart}, {@code latestEnd}; each entry point
 * places them under the block. Every problem is reported at once.
 */
public final class BlockRules {
    private BlockRules() {}

    /**
     * @param nodeGpus GPUs per node of the block's type (1 when grants are counted in single GPUs)
     * @param cycleEnd the first day after the cycle's planning horizon
     */
    public static List<Problem> block(
            int gpus,
            int days,
            LocalDate earliestStart,
            LocalDate latestEnd,
            int nodeGpus,
            LocalDate cycleStart,
            LocalDate cycleEnd) {
        List<Problem> problems = new ArrayList<>();
        if (gpus < 1) {
            problems.add(new Problem(
                    ErrorCode.GPU_COUNT_OUT_OF_RANGE.code(), "gpus", String.valueOf(gpus), "must be at least 1", ""));
        } else if (nodeGpus > 1 && gpus % nodeGpus != 0) {
            int below = gpus / nodeGpus * nodeGpus;
            problems.add(new Problem(
                    ErrorCode.BLOCK_NOT_WHOLE_NODES.code(),
                    "gpus",
                    String.valueOf(gpus),
                    "is not a whole number of " + nodeGpus + "-GPU nodes",
                    "Maybe " + (below == 0 ? "" : below + " or ") + (below + nodeGpus) + "?"));
        }
        if (days < 1) {
            problems.add(new Problem(
                    ErrorCode.BLOCK_WINDOW.code(), "days", String.valueOf(days), "must be at least 1", "Maybe 7?"));
        }
        if (earliestStart.isBefore(cycleStart)) {
            problems.add(new Problem(
                    ErrorCode.BLOCK_WINDOW.code(),
                    "earliestStart",
                    earliestStart.toString(),
                    "is before the cycle start " + cycleStart,
                    "Maybe " + cycleStart + "?"));
        }
        if (latestEnd.isAfter(cycleEnd)) {
            problems.add(new Problem(
                    ErrorCode.BLOCK_WINDOW.code(),
                    "latestEnd",
                    latestEnd.toString(),
                    "is after the end of the cycle's plan " + cycleEnd,
                    "Maybe " + cycleEnd + ", and ask again next cycle for the rest?"));
        }
        if (days >= 1 && earliestStart.plusDays(days).isAfter(latestEnd)) {
            problems.add(new Problem(
                    ErrorCode.BLOCK_WINDOW.code(),
                    "latestEnd",
                    latestEnd.toString(),
                    "leaves less than the block's " + days + " days after its earliest start " + earliestStart,
                    "Maybe " + earliestStart.plusDays(days) + " or later?"));
        }
        return problems;
    }
}
