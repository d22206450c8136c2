package dev.allot.lab;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Three past cycles of the demo lab: projects start, grow, shrink, finish or are killed; each cycle's grants fit the
 * allocatable GPUs of every type and give exploratory work at least as much effective compute as product work.
 */
final class DemoHistory {
    static final List<String> CYCLES = List.of("2026-07", "2026-09", "2026-11");
    static final int NEW_PROJECTS = 10;
    private static final String PRODUCT = "product";
    private static final String EXPLORATORY = "exploratory";

    private final SplittableRandom random;
    private final Map<GpuTypeId, Double> speeds;
    private final Map<GpuTypeId, Integer> allocatable;
    private final List<Project> projects;
    private final Map<ProjectId, Ask> asks;
    private final Map<ProjectId, Life> lives = new LinkedHashMap<>();
    private final Map<ProjectId, String> categories = new LinkedHashMap<>();

    /** When a project held GPUs, and how much it wanted in the last past cycle. */
    private record Life(int firstCycle, int lastCycle, double lastGpus, double growth, List<GpuTypeId> types) {}

    DemoHistory(
            SplittableRandom random,
            Map<GpuTypeId, Double> speeds,
            Map<GpuTypeId, Integer> allocatable,
            List<Project> projects,
            Map<ProjectId, Ask> asks) {
        this.random = random;
        this.speeds = speeds;
        this.allocatable = allocatable;
        this.projects = projects;
        this.asks = asks;
        projects.forEach(
                project -> categories.put(project.id(), project.category().value()));
        Set<Integer> newcomers = newcomers();
        for (int i = 0; i < projects.size(); i++) {
            if (!newcomers.contains(i)) {
                lives.put(projects.get(i).id(), life(projects.get(i)));
            }
        }
    }

    List<PastCycle> cycles() {
        List<PastCycle> cycles = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES.size(); cycle++) {
            Map<ProjectId, Allocation> grants = grants(cycle);
            Map<ProjectId, Double> used = new LinkedHashMap<>();
            grants.keySet().forEach(project -> used.put(project, Math.round(30 + 70 * random.nextDouble()) / 100.0));
            cycles.add(new PastCycle(CycleId.of(CYCLES.get(cycle)), grants, used));
        }
        return cycles;
    }

    private Set<Integer> newcomers() {
        Set<Integer> newcomers = new HashSet<>();
        while (newcomers.size() < NEW_PROJECTS) {
            int index = random.nextInt(projects.size());
            if (projects.get(index).status() == ProjectStatus.ACTIVE) {
                newcomers.add(index);
            }
        }
        return newcomers;
    }

    private Life life(Project project) {
        Ask ask = asks.get(project.id());
        double start = random.nextDouble();
        int first = start < 0.75 ? 0 : start < 0.9 ? 1 : 2;
        int last = switch (project.status()) {
            case ACTIVE -> 2;
            case PAUSED -> 0;
            default -> random.nextInt(2);
        };
        first = Math.min(first, last);
        double wanted =
                ask != null ? ask.targetGpus() * (0.6 + 0.6 * random.nextDouble()) : 16 + 112 * random.nextDouble();
        List<GpuTypeId> types =
                new ArrayList<>(ask == null || ask.gpuTypes().isEmpty() ? speeds.keySet() : ask.gpuTypes());
        DemoPortfolio.shuffle(random, types);
        return new Life(first, last, wanted, 0.85 + 0.4 * random.nextDouble(), types);
    }

    /**
     * Places each live project's wish type by type, in random order but product work last, so that product work
     * only gets what keeps exploratory work ahead; a wish that does not fit in full is not granted.
     */
    private Map<ProjectId, Allocation> grants(int cycle) {
        Map<GpuTypeId, Integer> free = new LinkedHashMap<>(allocatable);
        List<ProjectId> order = new ArrayList<>(lives.keySet());
        DemoPortfolio.shuffle(random, order);
        order.sort(Comparator.comparing(id -> categories.get(id).equals(PRODUCT)));
        Map<ProjectId, Allocation> grants = new TreeMap<>();
        double exploratory = 0;
        double product = 0;
        for (ProjectId project : order) {
            Life life = lives.get(project);
            if (cycle < life.firstCycle() || cycle > life.lastCycle()) {
                continue;
            }
            Allocation placed = place(life, cycle, free);
            double effective = effective(placed);
            boolean isProduct = categories.get(project).equals(PRODUCT);
            if (placed.isEmpty() || (isProduct && product + effective > exploratory)) {
                continue;
            }
            placed.gpus().forEach((type, gpus) -> free.merge(type, -gpus, Integer::sum));
            grants.put(project, placed);
            exploratory += categories.get(project).equals(EXPLORATORY) ? effective : 0;
            product += isProduct ? effective : 0;
        }
        return grants;
    }

    /** The project's wish for this cycle spread over its types in its order of preference, or nothing. */
    private static Allocation place(Life life, int cycle, Map<GpuTypeId, Integer> free) {
        int wanted = Math.max(
                8, DemoPortfolio.roundDown8(life.lastGpus() / Math.pow(life.growth(), life.lastCycle() - cycle)));
        Map<GpuTypeId, Integer> placed = new LinkedHashMap<>();
        for (GpuTypeId type : life.types()) {
            int take = Math.min(wanted, free.get(type));
            if (take > 0) {
                placed.put(type, take);
                wanted -= take;
            }
        }
        return wanted == 0 ? new Allocation(placed) : Allocation.NONE;
    }

    private double effective(Allocation allocation) {
        double sum = 0;
        for (var gpus : allocation.gpus().entrySet()) {
            sum += gpus.getValue() * speeds.get(gpus.getKey());
        }
        return sum;
    }
}
