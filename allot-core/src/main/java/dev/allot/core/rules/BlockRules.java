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

    /** One block as written, its GPU type by name; a field the entry point could not read is null. */
    public record Entry(String gpuType, Integer gpus, Integer days, LocalDate earliestStart, LocalDate latestEnd) {}

    /**
     * Every problem of one project's {@code blocks} at once, each at {@code blocks[i].field} under {@code prefix}
     * (empty for a top-level list named {@code blocks}): a GPU type of the lab, then the rules of {@link #block}.
     * An entry with a field left null is checked for its GPU type only (its entry point reported the rest).
     *
     * @param cycleEnd the first day after the cycle's planning horizon
     */
    public static List<Problem> check(
            List<Entry> blocks, Fleet fleet, LocalDate cycleStart, LocalDate cycleEnd, String prefix) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String at = prefix + "blocks[" + i + "]";
            Entry entry = blocks.get(i);
            List<Problem> unknown = FleetRules.gpuType(entry.gpuType() == null ? "" : entry.gpuType(), fleet);
            unknown.forEach(problem -> problems.add(problem.at(at + ".gpuType")));
            if (entry.gpus() == null
                    || entry.days() == null
                    || entry.earliestStart() == null
                    || entry.latestEnd() == null) {
                continue;
            }
            block(
                            entry.gpus(),
                            entry.days(),
                            entry.earliestStart(),
                            entry.latestEnd(),
                            unknown.isEmpty() ? fleet.nodeGpus(entry.gpuType()) : 1,
                            cycleStart,
                            cycleEnd)
                    .forEach(problem -> problems.add(problem.under(at)));
        }
        return problems;
    }

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
