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
                        a.justification()));
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
        return new Lab(
                first.name() + "-x" + copies,
                first.cycle(),
                first.cycleStart(),
                first.gpuTypes(),
                pools,
                first.categories(),
                projects,
                asks,
                scores,
                first.policy(),
                pins,
                overrides,
                history);
    }

    private static ProjectId id(ProjectId id, String suffix) {
        return suffix.isEmpty() ? id : ProjectId.of(id.value() + suffix);
    }
}
