package dev.allot.lab;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A lab shaped like a large research lab, for demos, tests and benchmarks: 300 projects of 520 researchers in four
 * categories, four GPU types (7,168 GPUs in 8-GPU nodes over two clusters), asks totalling about 1.45x the
 * allocatable GPUs, three reviewer scores per active project, three past cycles, two pins and one kill override.
 *
 * <p>Deterministic: the same seed gives an equal {@link Lab} on every machine; nothing reads the clock.
 */
public final class DemoLab {
    /** The cycle the demo lab is about to plan. */
    public static final CycleId CYCLE = CycleId.of("2027-01");

    private static final double RESERVE = 0.05;
    private static final int GPUS_PER_NODE = 8;

    private DemoLab() {}

    public static Lab generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GpuType> gpuTypes = List.of(type("H200", 1.4), type("H100", 1.0), type("A100", 0.45), type("L40S", 0.3));
        List<Pool> pools = List.of(
                pool("east-h200", "east", "H200", 1024),
                pool("east-h100", "east", "H100", 2048),
                pool("west-h100", "west", "H100", 1024),
                pool("west-a100", "west", "A100", 2048),
                pool("west-l40s", "west", "L40S", 1024));
        Map<GpuTypeId, Integer> allocatable = allocatable(gpuTypes, pools);
        int allocatableGpus =
                allocatable.values().stream().mapToInt(Integer::intValue).sum();
        DemoPortfolio portfolio =
                new DemoPortfolio(random, gpuTypes.stream().map(GpuType::id).toList(), allocatableGpus);
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
        gpuTypes.forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        Map<ProjectId, Ask> asks = new LinkedHashMap<>();
        portfolio.asks.forEach(ask -> asks.put(ask.project(), ask));
        List<PastCycle> history = new DemoHistory(random, speeds, allocatable, portfolio.projects, asks).cycles();
        Decisions decisions = decisions(random, portfolio.projects, asks, history.get(history.size() - 1));
        return Lab.builder()
                .name("demo-lab")
                .cycle(CYCLE)
                .cycleStart(LocalDate.of(2027, 1, 4))
                .gpuTypes(gpuTypes)
                .pools(pools)
                .categories(categories())
                .projects(portfolio.projects)
                .asks(portfolio.asks)
                .scores(portfolio.scores)
                .policy(policy())
                .pins(decisions.pins())
                .overrides(decisions.overrides())
                .history(history)
                .build();
    }

    /**
     * The draft a careless policy produces, the case the publish guard rails exist for: {@code lab} with a 99 % reserve,
     * the planner allowed to kill and no pins, so nearly every project is killed and nearly the whole fleet idles.
     */
    public static Lab careless(Lab lab) {
        return lab.toBuilder()
                .policy(lab.policy()
                        .edit()
                        .reserveFraction(0.99)
                        .plannerMayKill(true)
                        .build())
                .pins(List.of())
                .build();
    }

    /**
     * The lab with a fleet that changes during the cycle: half again the first pool's GPUs arrive three weeks in
     * (+512 H200 in the demo lab), and an eighth of the third pool is down for a two-day maintenance window in week
     * six (128 GPUs of west-h100 in the demo lab). Planned over eight periods.
     */
    public static Lab overTime(Lab lab) {
        List<Pool> pools = lab.pools();
        Pool arriving = pools.get(0);
        Pool maintained = pools.get(Math.min(2, pools.size() - 1));
        LocalDate start = lab.cycleStart();
        return lab.withCapacityEvents(List.of(
                CapacityEvent.arrival(arriving.name(), wholeNodes(arriving, arriving.gpus() / 2), start.plusDays(21)),
                CapacityEvent.outage(
                        maintained.name(),
                        wholeNodes(maintained, maintained.gpus() / 8),
                        start.plusDays(35),
                        start.plusDays(37))));
    }

    /**
     * The demo lab with the cycle the demo plans: 256 new H200 arrive in east-h200 four weeks in, 128 H100 of
     * west-h100 are down for a weekend's maintenance in week six, and two product projects reserve blocks: a
     * pretraining run of 256 H100 for 14 days from week three on (the one of highest priority), and a smaller run of
     * 64 H200 for 7 days that must fall in the two weeks after the arrival (the next one). Planned over eight periods.
     */
    public static Lab withTimeline(Lab lab) {
        LocalDate start = lab.cycleStart();
        Map<ProjectId, Double> priorities = lab.priorities();
        Map<ProjectId, Project> byId = new LinkedHashMap<>();
        lab.projects().forEach(project -> byId.put(project.id(), project));
        List<ProjectId> product = lab.asks().stream()
                .map(Ask::project)
                .filter(id -> byId.get(id).category().value().equals("product"))
                .filter(id -> lab.pins().stream().noneMatch(pin -> pin.project().equals(id)))
                .sorted(java.util.Comparator.comparing((ProjectId id) -> -priorities.getOrDefault(id, 0.0))
                        .thenComparing(ProjectId::value))
                .toList();
        List<dev.allot.core.model.Block> blocks = product.size() < 2
                ? List.of()
                : List.of(
                        new dev.allot.core.model.Block(
                                product.get(0), GpuTypeId.of("H100"), 256, 14, start.plusDays(14), lab.cycleEnd()),
                        new dev.allot.core.model.Block(
                                product.get(1), GpuTypeId.of("H200"), 64, 7, start.plusDays(28), start.plusDays(42)));
        return lab.withCapacityEvents(List.of(
                        CapacityEvent.arrival("east-h200", 256, start.plusDays(28)),
                        CapacityEvent.outage("west-h100", 128, start.plusDays(40), start.plusDays(42))))
                .withBlocks(blocks);
    }

    private static int wholeNodes(Pool pool, int gpus) {
        return Math.max(1, gpus / pool.gpusPerNode()) * pool.gpusPerNode();
    }

    private static GpuType type(String name, double speed) {
        return new GpuType(GpuTypeId.of(name), speed);
    }

    private static Pool pool(String name, String cluster, String type, int gpus) {
        return new Pool(name, cluster, GpuTypeId.of(type), gpus, GPUS_PER_NODE);
    }

    /** Capacity minus reserve per type, in whole nodes. */
    static Map<GpuTypeId, Integer> allocatable(List<GpuType> types, List<Pool> pools) {
        Map<GpuTypeId, Integer> allocatable = new LinkedHashMap<>();
        for (GpuType type : types) {
            int capacity = pools.stream()
                    .filter(pool -> pool.gpuType().equals(type.id()))
                    .mapToInt(Pool::gpus)
                    .sum();
            allocatable.put(type.id(), DemoPortfolio.roundDown8(Math.floor(capacity * (1 - RESERVE))));
        }
        return allocatable;
    }

    private static List<Category> categories() {
        return List.of(
                new Category(CategoryId.of("exploratory"), "Looking for the next paradigm"),
                new Category(CategoryId.of("product"), "Training and improving the current product models"),
                new Category(CategoryId.of("infrastructure"), "Tools, evals and systems the whole lab relies on"),
                new Category(CategoryId.of("safety"), "Alignment, interpretability and red-teaming"));
    }

    private static Policy policy() {
        return Policy.defaults()
                .edit()
                .reserveFraction(RESERVE)
                .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.05, 1.0)))
                .relations(List.of(new ShareRelation(CategoryId.of("exploratory"), 1.0, CategoryId.of("product"))))
                .maxChangeFraction(0.5)
                .granularity(Granularity.NODE)
                .yieldNoticeDays(14)
                .build();
    }

    private record Decisions(List<Pin> pins, List<DeciderOverride> overrides) {}

    /**
     * Two pins on large funded product projects that run on H100 (held at their target) and one kill of a funded
     * exploratory project.
     */
    private static Decisions decisions(
            SplittableRandom random, List<Project> projects, Map<ProjectId, Ask> asks, PastCycle previous) {
        List<ProjectId> funded = new ArrayList<>(previous.grants().keySet());
        DemoPortfolio.shuffle(random, funded);
        Map<ProjectId, Project> byId = new LinkedHashMap<>();
        projects.forEach(project -> byId.put(project.id(), project));
        GpuTypeId h100 = GpuTypeId.of("H100");
        List<Pin> pins = new ArrayList<>();
        DeciderOverride kill = null;
        for (ProjectId id : funded) {
            Ask ask = asks.get(id);
            String category = byId.get(id).category().value();
            if (ask == null) {
                continue;
            }
            if (pins.size() < 2 && category.equals("product") && ask.accepts(h100) && ask.targetGpus() >= 64) {
                pins.add(new Pin(
                        id,
                        new Allocation(Map.of(h100, ask.targetGpus())),
                        "Release training run committed to the board"));
            } else if (kill == null && category.equals("exploratory")) {
                kill = new DeciderOverride(
                        id,
                        DeciderOverride.Action.KILL,
                        "Superseded by a stronger line of work; its people join other projects");
            }
        }
        return new Decisions(pins, kill == null ? List.of() : List.of(kill));
    }
}
