package dev.allot.lab;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labs larger than the demo for benchmarks: {@code copies} demo portfolios drawn from consecutive seeds (project ids
 * of copy {@code i > 0} get the suffix {@code -c<i>}, researcher names the prefix {@code c<i>-}) on a fleet
 * {@code copies} times as large, with their histories merged cycle by cycle.
 */
public final class ScaledLab {
    private ScaledLab() {}

    public static Lab generate(long seed, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, was " + copies);
        }
        Lab first = DemoLab.generate(seed);
        if (copies == 1) {
            return first;
        }
        List<Project> projects = new ArrayList<>();
        List<Ask> asks = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        List<Pin> pins = new ArrayList<>();
        List<DeciderOverride> overrides = new ArrayList<>();
        List<Map<ProjectId, Allocation>> grants = new ArrayList<>();
        List<Map<ProjectId, Double>> used = new ArrayList<>();
        first.history().forEach(cycle -> {
            grants.add(new LinkedHashMap<>());
            used.add(new LinkedHashMap<>());
        });
        for (int copy = 0; copy < copies; copy++) {
            Lab lab = copy == 0 ? first : DemoLab.generate(seed + copy);
            String suffix = copy == 0 ? "" : "-c" + copy;
            String prefix = copy == 0 ? "" : "c" + copy + "-";
            for (Project p : lab.projects()) {
                projects.add(new Project(
                        id(p.id(), suffix),
                        p.name() + (copy == 0 ? "" : " (" + copy + ")"),
                        p.category(),
                        prefix + p.lead(),
                        p.members().stream().map(m -> prefix + m).toList(),
                        p.status()));
            }
            for (Ask a : lab.asks()) {
                asks.add(new Ask(
                        id(a.project(), suffix),
                        a.floorGpus(),
                        a.targetGpus(),
                        a.ceilingGpus(),
                        a.gpuTypes(),
                        a.speedFactors(),
                        a.justification(),
                        a.jobShape()));
            }
            lab.scores()
                    .forEach(s -> scores.add(
                            new Score(id(s.project(), suffix), prefix + s.reviewer(), s.score(), s.comment())));
            lab.pins().forEach(p -> pins.add(new Pin(id(p.project(), suffix), p.gpus(), p.reason())));
            lab.overrides()
                    .forEach(o -> overrides.add(new DeciderOverride(id(o.project(), suffix), o.action(), o.reason())));
            for (int c = 0; c < lab.history().size(); c++) {
                PastCycle past = lab.history().get(c);
                Map<ProjectId, Allocation> cycleGrants = grants.get(c);
                Map<ProjectId, Double> cycleUsed = used.get(c);
                past.grants().forEach((project, grant) -> cycleGrants.put(id(project, suffix), grant));
                past.usedFraction().forEach((project, fraction) -> cycleUsed.put(id(project, suffix), fraction));
            }
        }
        List<Pool> pools = first.pools().stream()
                .map(pool ->
                        new Pool(pool.name(), pool.cluster(), pool.gpuType(), pool.gpus() * copies, pool.gpusPerNode()))
                .toList();
        List<PastCycle> history = new ArrayList<>();
        for (int c = 0; c < first.history().size(); c++) {
            history.add(new PastCycle(first.history().get(c).cycle(), grants.get(c), used.get(c)));
        }
        return Lab.builder()
                .name(first.name() + "-x" + copies)
                .cycle(first.cycle())
                .cycleStart(first.cycleStart())
                .gpuTypes(first.gpuTypes())
                .pools(pools)
                .categories(first.categories())
                .projects(projects)
                .asks(asks)
                .scores(scores)
                .policy(first.policy())
                .pins(pins)
                .overrides(overrides)
                .history(history)
                .build();
    }

    /**
     * A lab of exactly {@code projects} projects: enough demo copies, of which {@code projects} are taken evenly spread
     * over the list (their asks, scores, pins, overrides and history kept, the rest dropped), on a fleet scaled to the
     * same ratio of GPUs per project as the demo (whole nodes, at least one per pool). Spread, not the first few: the
     * demo lists its projects by area, so its first 40 all belonged to one or two categories, leaving the others empty
     * and the policy's share minimum for them impossible to meet.
     */
    public static Lab ofSize(long seed, int projects) {
        if (projects < 1) {
            throw new IllegalArgumentException("projects must be >= 1, was " + projects);
        }
        Lab demo = DemoLab.generate(seed);
        int perCopy = demo.projects().size();
        Lab lab = generate(seed, (projects + perCopy - 1) / perCopy);
        List<Project> all = lab.projects();
        List<Project> chosen = new java.util.ArrayList<>(projects);
        for (int i = 0; i < projects; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / projects)));
        }
        java.util.Set<ProjectId> kept = new java.util.HashSet<>();
        chosen.forEach(project -> kept.add(project.id()));
        // Each GPU type's pools shrink or grow with what the chosen projects held of that type last cycle (or are
        // pinned to), against what the whole generated lab held: a small lab then has room for its own projects'
        // continuity and pins, which a scale by project count alone did not give a dozen projects.
        double countScale = projects / (double) perCopy;
        Map<dev.allot.core.model.GpuTypeId, Double> typeScale = new LinkedHashMap<>();
        Map<ProjectId, Allocation> previous = lab.history().isEmpty()
                ? Map.of()
                : lab.history().get(lab.history().size() - 1).grants();
        Map<ProjectId, Allocation> pinned = new LinkedHashMap<>();
        lab.pins().forEach(pin -> pinned.put(pin.project(), pin.gpus()));
        for (Pool pool : demo.pools()) {
            double keptHeld = held(all, kept, previous, pinned, pool.gpuType(), true);
            double allHeld = held(all, kept, previous, pinned, pool.gpuType(), false);
            typeScale.put(pool.gpuType(), allHeld > 0 ? keptHeld / allHeld * copies(lab, perCopy) : countScale);
        }
        List<Pool> pools = demo.pools().stream()
                .map(pool -> new Pool(
                        pool.name(),
                        pool.cluster(),
                        pool.gpuType(),
                        pool.gpusPerNode()
                                * Math.max(1, (int) Math.round(pool.gpus()
                                        * Math.max(countScale, typeScale.get(pool.gpuType()))
                                        / pool.gpusPerNode())),
                        pool.gpusPerNode()))
                .toList();
        List<PastCycle> history = lab.history().stream()
                .map(past -> new PastCycle(past.cycle(), keep(past.grants(), kept), keep(past.usedFraction(), kept)))
                .toList();
        return Lab.builder()
                .name(demo.name() + "-" + projects)
                .cycle(lab.cycle())
                .cycleStart(lab.cycleStart())
                .gpuTypes(lab.gpuTypes())
                .pools(pools)
                .categories(lab.categories())
                .projects(List.copyOf(chosen))
                .asks(lab.asks().stream()
                        .filter(ask -> kept.contains(ask.project()))
                        .toList())
                .scores(lab.scores().stream()
                        .filter(score -> kept.contains(score.project()))
                        .toList())
                .policy(lab.policy())
                .pins(lab.pins().stream()
                        .filter(pin -> kept.contains(pin.project()))
                        .toList())
                .overrides(lab.overrides().stream()
                        .filter(override -> kept.contains(override.project()))
                        .toList())
                .history(history)
                .build();
    }

    private static int copies(Lab lab, int perCopy) {
        return Math.max(1, lab.projects().size() / perCopy);
    }

    /** GPUs of {@code type} held last cycle or pinned (whichever is more) by the kept projects, or by all of them. */
    private static double held(
            List<Project> all,
            java.util.Set<ProjectId> kept,
            Map<ProjectId, Allocation> previous,
            Map<ProjectId, Allocation> pinned,
            dev.allot.core.model.GpuTypeId type,
            boolean keptOnly) {
        double sum = 0;
        for (Project project : all) {
            if (keptOnly && !kept.contains(project.id())) {
                continue;
            }
            sum += Math.max(
                    previous.getOrDefault(project.id(), Allocation.NONE).gpus(type),
                    pinned.getOrDefault(project.id(), Allocation.NONE).gpus(type));
        }
        return sum;
    }

    private static <V> Map<ProjectId, V> keep(Map<ProjectId, V> byProject, java.util.Set<ProjectId> kept) {
        Map<ProjectId, V> result = new LinkedHashMap<>();
        byProject.forEach((project, value) -> {
            if (kept.contains(project)) {
                result.put(project, value);
            }
        });
        return result;
    }

    private static ProjectId id(ProjectId id, String suffix) {
        return suffix.isEmpty() ? id : ProjectId.of(id.value() + suffix);
    }
}
