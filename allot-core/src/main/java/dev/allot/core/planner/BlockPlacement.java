package dev.allot.core.planner;

import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One choice for every reserved block of a model: the period it starts with, or none. With the blocks' starts held,
 * what is left is a plan over time whose capacity is the fleet minus the GPUs the placed blocks hold in each period
 * ({@link OverTimeSolve} solves that one period by period).
 *
 * @param startOf per block, the period it starts with, or -1 when it is not placed
 * @param value what the placed blocks add to the objective
 * @param held per period, the GPUs per type the placed blocks hold in it
 */
record BlockPlacement(int[] startOf, double value, List<Map<GpuTypeId, Integer>> held) {

    /**
     * Every placement of the model's blocks (each block at each of its possible starts, or left out), the one that
     * places none first; null when there are more than {@code limit}.
     */
    static List<BlockPlacement> all(AllocationModel model, int limit) {
        Map<Var, Double> objective = new HashMap<>();
        model.model.objective().forEach(term -> objective.merge(term.var(), term.coefficient(), Double::sum));
        List<int[]> choices = new ArrayList<>();
        choices.add(new int[model.blockStarts.size()]);
        java.util.Arrays.fill(choices.get(0), -1);
        for (int b = 0; b < model.blockStarts.size(); b++) {
            List<int[]> more = new ArrayList<>();
            for (int[] choice : choices) {
                more.add(choice);
                for (int start : model.blockStarts.get(b).keySet()) {
                    int[] placed = choice.clone();
                    placed[b] = start;
                    more.add(placed);
                }
            }
            if (more.size() > limit) {
                return null;
            }
            choices = more;
        }
        return choices.stream().map(choice -> of(model, choice, objective)).toList();
    }

    private static BlockPlacement of(AllocationModel model, int[] startOf, Map<Var, Double> objective) {
        List<Block> blocks = model.lab().blocks();
        double value = 0;
        List<Map<GpuTypeId, Integer>> held = new ArrayList<>();
        for (int k = 0; k < model.periods.size(); k++) {
            held.add(new LinkedHashMap<>());
        }
        for (int b = 0; b < startOf.length; b++) {
            if (startOf[b] < 0) {
                continue;
            }
            value += objective.getOrDefault(model.blockStarts.get(b).get(startOf[b]), 0.0);
            for (int k = 0; k < model.periods.size(); k++) {
                if (model.blockHolds(b, startOf[b], k)) {
                    held.get(k).merge(blocks.get(b).gpuType(), blocks.get(b).gpus(), Integer::sum);
                }
            }
        }
        return new BlockPlacement(startOf, value, held);
    }

    /** Every block start variable of the model held at this placement's choice. */
    Map<Var, Double> fixed(AllocationModel model) {
        Map<Var, Double> fixed = new HashMap<>();
        for (int b = 0; b < startOf.length; b++) {
            int chosen = startOf[b];
            model.blockStarts.get(b).forEach((start, var) -> fixed.put(var, start == chosen ? 1.0 : 0.0));
        }
        return fixed;
    }
}
