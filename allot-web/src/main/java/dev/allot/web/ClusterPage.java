package dev.allot.web;

import dev.allot.application.Usage;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Pool;
import dev.allot.store.Cycle;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fleet: capacity by GPU type and pool, and how much of it the plan allocates and the policy keeps in reserve. */
final class ClusterPage {
    /** One GPU type: capacity, the policy's reserve, what the plan grants, and what is left. */
    record TypeLine(String type, double speed, int capacity, int reserve, int allocated, int free) {}

    /**
     * The cycle's usage so far: GPU-hours used of those granted by its published plan, over the projects with usage
     * recorded; null when none is recorded yet.
     */
    record UsageLine(
            String window, int projects, long usedGpuHours, long grantedGpuHours, Double usedFraction, int idle) {}

    record View(
            Page page,
            Cycle cycle,
            String planLabel,
            List<Pool> pools,
            List<TypeLine> types,
            String chart,
            UsageLine usage) {}

    private final Store store;
    private final Usage usage;

    ClusterPage(Store store, Usage usage) {
        this.store = store;
        this.usage = usage;
    }

    String render(Context ctx, Page page) {
        Optional<Cycle> cycle = Cycles.current(store, page.cycle()).map(v -> v.value());
        if (cycle.isEmpty()) {
            return Templates.render(
                    "cluster.jte",
                    new View(page, null, "no plan yet", store.lab().pools(), List.of(), "", null));
        }
        Lab lab = store.lab().export(cycle.get().id());
        Optional<StoredPlan> shown = Cycles.shownPlan(store, cycle.get().id(), page.rights());
        List<TypeLine> types = types(lab, shown.map(StoredPlan::plan));
        return Templates.render(
                "cluster.jte",
                new View(
                        page,
                        cycle.get(),
                        BoardPage.label(shown),
                        lab.pools(),
                        types,
                        chart(types),
                        usage(cycle.get().id(), LocalDate.now(ZoneOffset.UTC))));
    }

    /** The cycle's recorded usage up to {@code today}, or null before the schedulers reported any. */
    UsageLine usage(CycleId cycle, LocalDate today) {
        List<Usage.ProjectUse> measured = usage.use(cycle, today).stream()
                .filter(Usage.ProjectUse::measured)
                .toList();
        if (measured.isEmpty()) {
            return null;
        }
        double used =
                measured.stream().mapToDouble(Usage.ProjectUse::usedGpuHours).sum();
        double granted =
                measured.stream().mapToDouble(Usage.ProjectUse::grantedGpuHours).sum();
        Usage.Window window = usage.window(cycle, today);
        return new UsageLine(
                window.start() + " to " + window.endExclusive().minusDays(1),
                measured.size(),
                Math.round(used),
                Math.round(granted),
                granted > 0 ? used / granted : null,
                (int) measured.stream().filter(Usage.ProjectUse::idle).count());
    }

    static List<TypeLine> types(Lab lab, Optional<Plan> plan) {
        List<TypeLine> lines = new ArrayList<>();
        for (GpuType type : lab.gpuTypes()) {
            int capacity = lab.capacityGpus().getOrDefault(type.id(), 0);
            int reserve = plan.map(p -> capacity - p.allocatableGpus().getOrDefault(type.id(), capacity))
                    .orElseGet(() -> (int) Math.ceil(capacity * lab.policy().reserveFraction())
                            + lab.policy().reserveGpus().getOrDefault(type.id(), 0));
            int allocated =
                    plan.map(p -> p.grantedGpus().getOrDefault(type.id(), 0)).orElse(0);
            lines.add(new TypeLine(
                    type.id().value(),
                    type.relativeSpeed(),
                    capacity,
                    reserve,
                    allocated,
                    Math.max(0, capacity - reserve - allocated)));
        }
        return lines;
    }

    private static String chart(List<TypeLine> types) {
        List<String> names = types.stream().map(TypeLine::type).toList();
        return PlanCharts.chart(
                "GPUs by type: allocated, reserve, free",
                names,
                List.of(
                        PlanCharts.series(
                                "allocated",
                                "bar",
                                types.stream().map(t -> (Object) t.allocated()).toList(),
                                "gpus"),
                        PlanCharts.series(
                                "reserve",
                                "bar",
                                types.stream().map(t -> (Object) t.reserve()).toList(),
                                "gpus"),
                        PlanCharts.series(
                                "free",
                                "bar",
                                types.stream().map(t -> (Object) t.free()).toList(),
                                "gpus")));
    }
}
