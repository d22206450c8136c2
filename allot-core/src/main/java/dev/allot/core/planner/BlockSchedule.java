package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reserved blocks of a solved plan: where each was placed, what the placed blocks are worth, and the sentence
 * that tells a project where its block was placed or why it could not be ("needs 1,024 H100 for 10 days; at most 768
 * are free before 12 Feb 2027 because of a (H100:512) and b (H100:256)").
 */
final class BlockSchedule {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final AllocationModel allocation;
    private final List<List<Allocation>> grantsByPeriod;
    private final List<Block> blocks;
    private final LocalDate yieldDate;
    /** Per block, the period it starts with, or -1 when it is not placed. */
    private final int[] startOf;

    private Map<LinearModel.Var, Double> startWorth;

    /**
     * @param yieldDate the day the first period's yields are due (until then every project keeps its previous grant),
     *     or null when the policy gives no notice or the plan does not start on the cycle start
     */
    BlockSchedule(
            AllocationModel allocation, List<List<Allocation>> grantsByPeriod, double[] values, LocalDate yieldDate) {
        this.allocation = allocation;
        this.yieldDate = yieldDate;
        this.grantsByPeriod = grantsByPeriod;
        this.blocks = allocation.lab().blocks();
        this.startOf = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            startOf[b] = -1;
            for (Map.Entry<Integer, LinearModel.Var> start :
                    allocation.blockStarts.get(b).entrySet()) {
                if (values[start.getValue().index()] > 0.5) {
                    startOf[b] = start.getKey();
                }
            }
        }
    }

    /** The placed blocks, in the lab's order. */
    List<PlacedBlock> placed() {
        List<PlacedBlock> placed = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            if (startOf[b] >= 0) {
                Block block = blocks.get(b);
                LocalDate start = allocation.periods.get(startOf[b]).days().from();
                placed.add(new PlacedBlock(
                        block.project(), block.gpuType(), block.gpus(), start, start.plusDays(block.days())));
            }
        }
        return placed;
    }

    /** GPUs of the type the placed blocks hold in period k. */
    int heldGpus(int k, GpuTypeId type) {
        int held = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if (startOf[b] >= 0 && blocks.get(b).gpuType().equals(type) && allocation.blockHolds(b, startOf[b], k)) {
                held += blocks.get(b).gpus();
            }
        }
        return held;
    }

    /** The value of project p's placed blocks, as the model counts it. */
    double value(int p) {
        double value = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if (startOf[b] >= 0 && blocks.get(b).project().equals(projectId(p))) {
                value += startWorth().getOrDefault(allocation.blockStarts.get(b).get(startOf[b]), 0.0);
            }
        }
        return value;
    }

    /**
     * Objective coefficient of each block start variable, gathered in one pass over the objective (a pass per project
     * made the plan quadratic in its projects).
     */
    private Map<LinearModel.Var, Double> startWorth() {
        if (startWorth == null) {
            Set<LinearModel.Var> starts = new HashSet<>();
            allocation.blockStarts.forEach(byPeriod -> starts.addAll(byPeriod.values()));
            startWorth = new HashMap<>();
            for (LinearModel.Term term : allocation.model.objective()) {
                if (starts.contains(term.var())) {
                    startWorth.merge(term.var(), term.coefficient(), Double::sum);
                }
            }
        }
        return startWorth;
    }

    /** The line with a sentence per block of its project. */
    ProjectPlan annotate(int p, ProjectPlan line) {
        List<String> sentences = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).project().equals(projectId(p))) {
                sentences.add(sentence(b, p));
            }
        }
        return PeriodSchedule.told(line, sentences);
    }

    private String sentence(int b, int p) {
        Block block = blocks.get(b);
        String needs = "Its block of " + block.describe();
        if (startOf[b] >= 0) {
            LocalDate start = allocation.periods.get(startOf[b]).days().from();
            // the last day it holds, as the pages list days (a block of 10 days from 15 Dec ends on 24 Dec)
            return needs + " is placed from " + DAY.format(start) + " through "
                    + DAY.format(start.plusDays(block.days() - 1L)) + ".";
        }
        if (!allocation.projects.get(p).inactiveReason().isEmpty()) {
            return needs + " is not placed: " + allocation.projects.get(p).inactiveReason() + ".";
        }
        if (allocation.blockStarts.get(b).isEmpty()) {
            return needs + " could not be placed: no period of the plan starts between "
                    + DAY.format(block.earliestStart()) + " and "
                    + DAY.format(block.latestEnd().minusDays(block.days()))
                    + ".";
        }
        return needs + " could not be placed: " + shortage(b, p);
    }

    /**
     * The most GPUs free over the block's days at any start, and who holds the rest where it is tightest; where that
     * is the cycle start and the GPUs are held for a yield notice, who holds them and until when.
     */
    private String shortage(int b, int p) {
        Block block = blocks.get(b);
        int bestFree = -1;
        int tightest = -1;
        boolean notice = false;
        for (int start : allocation.blockStarts.get(b).keySet()) {
            int free = Integer.MAX_VALUE;
            int where = start;
            for (int k = 0; k < allocation.periods.size(); k++) {
                if (allocation.blockHolds(b, start, k) && freeGpus(k, block.gpuType()) < free) {
                    free = freeGpus(k, block.gpuType());
                    where = k;
                }
            }
            int besideYields = start == 0 ? freeBesideYields(block.gpuType()) : Integer.MAX_VALUE;
            if (Math.min(free, besideYields) > bestFree) {
                bestFree = Math.min(free, besideYields);
                tightest = where;
                notice = besideYields < free;
            }
        }
        if (notice) {
            return heldForNotice(block, bestFree);
        }
        PlanningPeriod period = allocation.periods.get(tightest);
        return String.format(
                        Locale.ROOT,
                        "needs %,d %s for %d days; at most %,d are free before %s because of ",
                        block.gpus(),
                        block.gpuType().value(),
                        block.days(),
                        Math.max(0, bestFree),
                        DAY.format(block.latestEnd()))
                + holders(tightest, block.gpuType()) + " from "
                + DAY.format(period.days().from()) + " to "
                + DAY.format(period.days().until()) + ".";
    }

    /**
     * GPUs of the type free on the cycle's first day for blocks starting then, when a yield notice keeps every
     * project's previous grant until it ends (the model's {@code capacity-beside-yields} row); no limit otherwise.
     */
    private int freeBesideYields(GpuTypeId type) {
        if (yieldDate == null) {
            return Integer.MAX_VALUE;
        }
        int placedThen = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if (startOf[b] == 0 && blocks.get(b).gpuType().equals(type)) {
                placedThen += blocks.get(b).gpus();
            }
        }
        return Math.max(0, allocation.roomBesideYields(type) - placedThen);
    }

    /** "needs 32 H100 from 1 Dec 2026; 16 of them are held until 11 Dec 2026 by the notice of a (H100:40)." */
    private String heldForNotice(Block block, int free) {
        GpuTypeId type = block.gpuType();
        Map<String, Integer> yielding = new LinkedHashMap<>();
        for (int q = 0; q < allocation.projects.size(); q++) {
            int yielded = allocation.projects.get(q).previous().gpus(type)
                    - grantsByPeriod.get(0).get(q).gpus(type);
            if (yielded > 0) {
                yielding.put(projectId(q).value(), yielded);
            }
        }
        int held = yielding.values().stream().mapToInt(Integer::intValue).sum();
        return String.format(
                        Locale.ROOT,
                        "needs %,d %s from %s; %,d of them are held until %s by the notice of ",
                        block.gpus(),
                        type.value(),
                        DAY.format(allocation.periods.get(0).days().from()),
                        Math.min(block.gpus() - free, held),
                        DAY.format(yieldDate))
                + largest(yielding, type, NAMED_YIELDING, true) + ".";
    }

    /** Projects named as holding GPUs for their notice; the rest are counted. */
    private static final int NAMED_YIELDING = 3;

    private int freeGpus(int k, GpuTypeId type) {
        int granted = grantsByPeriod.get(k).stream()
                .mapToInt(grant -> grant.gpus(type))
                .sum();
        return allocation.periods.get(k).fleet().allocatableGpus(type) - granted - heldGpus(k, type);
    }

    /** The two largest holders of the type in period k (grants and placed blocks), e.g. "a (H100:512) and b". */
    private String holders(int k, GpuTypeId type) {
        Map<String, Integer> held = new LinkedHashMap<>();
        for (int q = 0; q < allocation.projects.size(); q++) {
            int gpus = grantsByPeriod.get(k).get(q).gpus(type);
            if (gpus > 0) {
                held.merge(projectId(q).value(), gpus, Integer::sum);
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (startOf[b] >= 0 && blocks.get(b).gpuType().equals(type) && allocation.blockHolds(b, startOf[b], k)) {
                held.merge(
                        blocks.get(b).project().value() + "'s block",
                        blocks.get(b).gpus(),
                        Integer::sum);
            }
        }
        return held.isEmpty() ? "the reserve and capacity events" : largest(held, type, 2, false);
    }

    /**
     * The {@code limit} largest holders, largest first, e.g. "a (H100:512) and b (H100:64)"; with {@code countRest}
     * the others are counted ("a (H100:512), b (H100:64) and 2 others").
     */
    private static String largest(Map<String, Integer> held, GpuTypeId type, int limit, boolean countRest) {
        List<String> top = held.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(entry -> entry.getKey() + " (" + type.value() + ":" + entry.getValue() + ")")
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (countRest && held.size() > limit) {
            int others = held.size() - limit;
            top.add(others + (others == 1 ? " other" : " others"));
        }
        String last = top.removeLast();
        return top.isEmpty() ? last : String.join(", ", top) + " and " + last;
    }

    private dev.allot.core.model.ProjectId projectId(int p) {
        return allocation.projects.get(p).project().id();
    }
}
