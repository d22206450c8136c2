package dev.allot.core.planner;

import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of reserved blocks, for {@link PlanInvariants}: every placed block is one of the lab's blocks, whole
 * (its GPUs and days) and inside its window, no block is placed twice, and a period's capacity holds its grants and
 * the blocks that overlap it.
 */
final class BlockInvariants {
    private BlockInvariants() {}

    static List<String> check(Lab lab, Plan plan) {
        List<String> violations = new ArrayList<>();
        List<Block> unused = new ArrayList<>(lab.blocks());
        for (PlacedBlock placed : plan.blocks()) {
            Block match = unused.stream()
                    .filter(block -> fits(block, placed))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                violations.add(placed.project() + ": block " + placed + " is none of the lab's blocks, or lies "
                        + "outside its window");
            } else {
                unused.remove(match);
            }
        }
        if (!plan.blocks().isEmpty() && plan.periods().isEmpty()) {
            violations.add("the plan places blocks but has no periods");
        }
        return violations;
    }

    private static boolean fits(Block block, PlacedBlock placed) {
        return block.project().equals(placed.project())
                && block.gpuType().equals(placed.gpuType())
                && block.gpus() == placed.gpus()
                && ChronoUnit.DAYS.between(placed.start(), placed.end()) == block.days()
                && !placed.start().isBefore(block.earliestStart())
                && !placed.end().isAfter(block.latestEnd());
    }

    /** GPUs per type the period's grants and the blocks overlapping it hold. */
    static Map<GpuTypeId, Integer> withBlocks(Plan plan, PlanPeriod period) {
        Map<GpuTypeId, Integer> held = new LinkedHashMap<>(period.grantedGpus());
        plan.blocks().stream()
                .filter(block -> block.overlaps(period.from(), period.until()))
                .forEach(block -> held.merge(block.gpuType(), block.gpus(), Integer::sum));
        return held;
    }
}
