package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.UsagePolicy;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Seeded random labs for property tests and benchmarks; the same seed always gives the same lab. */
final class RandomLabs {
    private static final String[] TYPES = {"H200", "H100", "A100", "L40S", "B200", "V100"};
    private static final double[] SPEEDS = {1.4, 1.0, 0.45, 0.3, 2.0, 0.25};
    private static final String[] CATEGORIES = {"exploratory", "product", "infrastructure", "safety"};

    private RandomLabs() {}

    /** Tiny: 2-3 projects, 1-2 types of at most 3 nodes; small enough to enumerate every plan. */
    static Lab tiny(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LabBuilder lab = LabBuilder.lab().maxChange(0.5);
        if (random.nextBoolean()) {
            lab.plannerMayKill();
        }
        int types = 1 + random.nextInt(2);
        for (int t = 0; t < types; t++) {
            lab.gpus(TYPES[t], SPEEDS[t], 8 * (1 + random.nextInt(3)), 8);
        }
        if (random.nextInt(3) == 0) {
            lab.relation("exploratory", 1, "product");
        }
        int projects = 2 + random.nextInt(2);
        for (int p = 0; p < projects; p++) {
            lab.project("p" + p, CATEGORIES[random.nextInt(2)]);
            int floor = 8 * random.nextInt(2);
            int target = floor + 8 * random.nextInt(3);
            int ceiling = target + 8 * random.nextInt(2);
            if (random.nextInt(3) == 0 && types > 1) {
                lab.askWithSpeed(floor, target, Math.max(ceiling, 8), TYPES[random.nextInt(types)], 1.2);
            } else {
                lab.ask(floor, target, Math.max(ceiling, 8));
            }
            lab.priority(1 + random.nextInt(10));
            if (random.nextInt(3) == 0) {
                lab.had(TYPES[0], 8 * (1 + random.nextInt(2)));
            }
        }
        return lab.build();
    }

    /**
     * A lab shaped like a real one: {@code projects} projects over {@code types} GPU types in 8-GPU nodes, asks
     * totalling about 1.4x the capacity, a previous plan, exploratory >= product, and for even seeds a safety
     * minimum share.
     */
    static Lab shaped(long seed, int projects, int types) {
        SplittableRandom random = new SplittableRandom(seed);
        LabBuilder lab = LabBuilder.lab().reserve(0.05).maxChange(0.5).relation("exploratory", 1, "product");
        if (seed % 2 == 0) {
            // A strict minimum share may need the planner to drop continuing projects to hold.
            lab.share("safety", 0.05, 1).plannerMayKill();
        }
        double meanTarget = 56;
        int totalGpus = (int) (projects * meanTarget / 1.4);
        for (int t = 0; t < types; t++) {
            lab.gpus(TYPES[t], SPEEDS[t], Math.max(8, totalGpus / types / 8 * 8), 8);
        }
        for (int p = 0; p < projects; p++) {
            double roll = random.nextDouble();
            String category =
                    roll < 0.45 ? "exploratory" : roll < 0.7 ? "product" : roll < 0.9 ? "infrastructure" : "safety";
            lab.project(String.format("proj-%05d", p), category);
            int target = 8 * Math.max(1, (int) Math.round(Math.exp(random.nextGaussian() * 0.9 + 1.6)));
            int floor = 8 * Math.max(1, (int) Math.round(target / 8.0 * (0.25 + random.nextDouble() * 0.25)));
            int ceiling = 8 * (int) Math.ceil(target / 8.0 * (1.25 + random.nextDouble() * 0.75));
            int accepted = 1 + random.nextInt(Math.min(3, types));
            int first = random.nextInt(types);
            String[] acceptedTypes = new String[accepted];
            for (int i = 0; i < accepted; i++) {
                acceptedTypes[i] = TYPES[(first + i) % types];
            }
            lab.ask(floor, target, ceiling, random.nextInt(6) == 0 ? new String[0] : acceptedTypes);
            lab.priority(1 + random.nextInt(10));
            if (random.nextInt(10) < 6) {
                lab.had(acceptedTypes[0], Math.max(8, target / 32 * 8));
            }
        }
        return lab.build();
    }

    static Lab shapedGpuGranularity(long seed, int projects, int types) {
        Lab lab = shaped(seed, projects, types);
        return lab.withPolicy(lab.policy().edit().granularity(Granularity.GPU).build());
    }

    /**
     * The same lab with measured use for its continuing projects (a used fraction from 0 to 120 % each) and the usage
     * rule set to cap idle grants with a headroom of 0, 25 or 50 %.
     */
    static Lab withUsage(Lab lab, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        if (lab.previousCycle().isEmpty()) {
            return lab;
        }
        PastCycle last = lab.previousCycle().get();
        Map<ProjectId, Double> used = new TreeMap<>();
        last.grants().keySet().forEach(project -> used.put(project, Math.round(random.nextDouble() * 120) / 100.0));
        UsagePolicy rule = new UsagePolicy(
                0.5 + random.nextInt(4) * 0.1, UsagePolicy.Action.CAP_AT_USED_PLUS_HEADROOM, random.nextInt(3) * 0.25);
        Lab measured = lab.toBuilder()
                .history(List.of(new PastCycle(last.cycle(), last.grants(), used)))
                .build();
        return measured.withPolicy(lab.policy().edit().usage(rule).build());
    }

    /**
     * The lab with a random job shape on about two asks in three (a largest job of 4, 12 or 16 GPUs, at most the
     * lab's GPUs of each type it runs on; on the ask's own types, or on a random one for an ask of any type) and the
     * policy's {@code jobShapes} set to {@code setting}.
     */
    static Lab withJobShapes(Lab lab, long seed, dev.allot.core.model.JobShapes setting) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5A9EL);
        Map<GpuTypeId, Integer> capacity = lab.capacityGpus();
        List<GpuTypeId> types = List.copyOf(capacity.keySet());
        List<dev.allot.core.model.Ask> asks = new java.util.ArrayList<>();
        for (dev.allot.core.model.Ask ask : lab.asks()) {
            if (random.nextInt(3) == 0) {
                asks.add(ask);
                continue;
            }
            java.util.Set<GpuTypeId> runsOn = new java.util.LinkedHashSet<>(ask.gpuTypes());
            if (runsOn.isEmpty() && random.nextBoolean()) {
                runsOn.add(types.get(random.nextInt(types.size())));
            }
            int room = (runsOn.isEmpty() ? types : List.copyOf(runsOn))
                    .stream().mapToInt(capacity::get).min().orElse(0);
            int largest = Math.min(new int[] {4, 12, 16}[random.nextInt(3)], room);
            asks.add(
                    largest < 1
                            ? ask
                            : ask.withJobShape(
                                    java.util.Optional.of(new dev.allot.core.model.JobShape(largest, runsOn))));
        }
        Lab shaped = lab.toBuilder().asks(asks).build();
        return shaped.withPolicy(lab.policy().edit().jobShapes(setting).build());
    }
}
