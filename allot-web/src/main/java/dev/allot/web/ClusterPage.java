package dev.allot.web;

import dev.allot.application.Blocks;
import dev.allot.application.Reads;
import dev.allot.application.Usage;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.CapacityTimeline;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.Pool;
import dev.allot.store.Cycle;
import dev.allot.store.StoredPlan;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One period of the cycle's capacity timeline: its days, GPUs per type in the pools (in the order of the lab's GPU
     * types), what the plan grants then (empty when the plan shown does not plan over time), and the capacity events
     * that start or end on its first day, in words.
     */
    record PeriodLine(
            LocalDate from, LocalDate until, long days, List<Integer> capacity, List<Integer> granted, String events) {}

    /** The capacity timeline: no periods when the lab's capacity does not change over the cycle. */
    record Timeline(List<String> gpuTypes, List<PeriodLine> periods, String chart) {
        static final Timeline NONE = new Timeline(List.of(), List.of(), "");

        public boolean planned() {
            return periods.stream().anyMatch(period -> !period.granted().isEmpty());
        }
    }

    record View(
            Page page,
            Cycle cycle,
            String planLabel,
            List<Pool> pools,
            List<TypeLine> types,
            String chart,
            UsageLine usage,
            Timeline timeline,
            BlockGantt.View blocks) {}

    /** One hue per GPU type, shared by its capacity (solid) and granted (dashed) lines. */
    static final List<String> TIMELINE_COLOURS =
            List.of("#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2", "#9c755f", "#edc948");

    private final Reads reads;
    private final Usage usage;

    ClusterPage(Reads reads, Usage usage) {
        this.reads = reads;
        this.usage = usage;
    }

    String render(Context ctx, Page page) {
        Optional<Cycle> cycle = Cycles.current(reads, page.cycle()).map(v -> v.value());
        if (cycle.isEmpty()) {
            return Templates.render(
                    "cluster.jte",
                    new View(
                            page,
                            null,
                            "no plan yet",
                            reads.pools(),
                            List.of(),
                            "",
                            null,
                            Timeline.NONE,
                            BlockGantt.View.NONE));
        }
        Lab lab = reads.lab(cycle.get().id());
        Optional<StoredPlan> shown =
                reads.shownPlan(cycle.get().id(), page.rights().role());
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
                        usage(cycle.get().id(), LocalDate.now(ZoneOffset.UTC)),
                        timeline(lab, shown.map(StoredPlan::plan)),
                        BlockGantt.of(lab, Blocks.schedule(lab.blocks(), shown.map(StoredPlan::plan)))));
    }

    /**
     * The cycle's capacity per GPU type from period to period, with the plan's grants per period when it plans over
     * time; {@link Timeline#NONE} for a lab whose capacity does not change during the cycle.
     */
    static Timeline timeline(Lab lab, Optional<Plan> plan) {
        if (lab.capacityEvents().isEmpty()) {
            return Timeline.NONE;
        }
        List<GpuType> types = lab.gpuTypes();
        Map<LocalDate, List<CapacityEvent>> eventsByDay = new HashMap<>();
        List<CapacityTimeline.Period> capacity = CapacityTimeline.periods(lab);
        capacity.forEach(period -> eventsByDay.put(period.from(), period.events()));
        List<PeriodLine> lines = new ArrayList<>();
        if (plan.isPresent() && plan.get().hasPeriods()) {
            for (PlanPeriod period : plan.get().periods()) {
                Map<GpuTypeId, Integer> granted = period.grantedGpus();
                lines.add(new PeriodLine(
                        period.from(),
                        period.until(),
                        period.days(),
                        gpus(types, period.capacityGpus()),
                        gpus(types, granted),
                        events(eventsByDay.getOrDefault(period.from(), List.of()), period.from())));
            }
        } else {
            for (CapacityTimeline.Period period : capacity) {
                lines.add(new PeriodLine(
                        period.from(),
                        period.until(),
                        period.days(),
                        gpus(types, period.capacityGpus()),
                        List.of(),
                        events(period.events(), period.from())));
            }
        }
        List<String> names = types.stream().map(type -> type.id().value()).toList();
        return new Timeline(names, lines, timelineChart(names, lines));
    }

    private static List<Integer> gpus(List<GpuType> types, Map<GpuTypeId, Integer> byType) {
        return types.stream().map(type -> byType.getOrDefault(type.id(), 0)).toList();
    }

    /** The events that start or end on {@code day}, in words ("west-h100 outage ends (-8 from ... until ...)"). */
    private static String events(List<CapacityEvent> events, LocalDate day) {
        return String.join(
                "; ",
                events.stream()
                        .map(event -> event.pool() + " " + event.kind().label()
                                + (event.from().equals(day)
                                        ? " " + event.describe()
                                        : " ends (" + event.describe() + ")"))
                        .toList());
    }

    /**
     * Capacity per GPU type as a step line over the periods' first days, and the plan's grants as dashed steps of the
     * same colour beside it.
     */
    private static String timelineChart(List<String> types, List<PeriodLine> periods) {
        List<String> days =
                periods.stream().map(period -> period.from().toString()).toList();
        List<Map<String, Object>> series = new ArrayList<>();
        for (int t = 0; t < types.size(); t++) {
            int type = t;
            Map<String, Object> capacity = PlanCharts.series(
                    types.get(t) + " capacity",
                    "line",
                    periods.stream().map(p -> (Object) p.capacity().get(type)).toList(),
                    null);
            String colour = TIMELINE_COLOURS.get(t % TIMELINE_COLOURS.size());
            capacity.put("step", "start");
            capacity.put("color", colour);
            series.add(capacity);
            if (!periods.get(0).granted().isEmpty()) {
                Map<String, Object> granted = PlanCharts.series(
                        types.get(t) + " granted",
                        "line",
                        periods.stream()
                                .map(p -> (Object) p.granted().get(type))
                                .toList(),
                        null);
                granted.put("step", "start");
                granted.put("color", colour);
                granted.put("lineStyle", Map.of("type", "dashed"));
                series.add(granted);
            }
        }
        return PlanCharts.chart("GPUs per type over the cycle", days, series);
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
