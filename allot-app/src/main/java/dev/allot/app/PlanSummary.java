package dev.allot.app;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a plan for people: totals by GPU type and category with bar charts, decisions, largest changes. */
public final class PlanSummary {
    private static final int BAR_WIDTH = 30;

    private PlanSummary() {}

    public static String summary(Lab lab, Plan plan, int largestChanges) {
        StringBuilder out = new StringBuilder();
        out.append(solveLine(plan)).append("\n\n");
        out.append(byType(lab, plan)).append('\n');
        out.append(byCategory(lab, plan)).append('\n');
        out.append(decisions(plan)).append("\n\n");
        out.append(timeline(lab, plan));
        out.append(largestChanges(plan, largestChanges));
        return out.toString();
    }

    /**
     * For a plan over time: its periods (allocatable and granted GPUs), the lab's capacity events and where each
     * reserved block was placed; empty for a one-period plan without blocks.
     */
    static String timeline(Lab lab, Plan plan) {
        if (plan.periods().isEmpty() && lab.blocks().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (!plan.periods().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT, "Timeline: %d periods%n", plan.periods().size()));
            for (var period : plan.periods()) {
                int granted = period.grants().values().stream()
                        .mapToInt(dev.allot.core.model.Allocation::totalGpus)
                        .sum();
                int blocks = plan.blocks().stream()
                        .filter(block -> block.overlaps(period.from(), period.until()))
                        .mapToInt(dev.allot.core.model.PlacedBlock::gpus)
                        .sum();
                StringBuilder allocatable = new StringBuilder();
                period.allocatableGpus()
                        .forEach((type, gpus) ->
                                allocatable.append(' ').append(type).append(':').append(gpus));
                out.append(String.format(
                        Locale.ROOT,
                        "  %s .. %s  granted %5d, blocks %4d GPUs; allocatable%s%n",
                        period.from(),
                        period.until().minusDays(1),
                        granted,
                        blocks,
                        allocatable));
            }
        }
        for (var event : lab.capacityEvents()) {
            String pool = "pool " + event.pool();
            out.append("  ")
                    .append(
                            switch (event.kind()) {
                                case ARRIVAL -> "+" + event.gpus() + " GPUs arrive in " + pool + " on " + event.from();
                                case RETIREMENT -> event.gpus() + " GPUs retire from " + pool + " on " + event.from();
                                case OUTAGE ->
                                    event.gpus() + " GPUs of " + pool + " are down from " + event.from() + ", back on "
                                            + event.until().orElseThrow();
                            })
                    .append('\n');
        }
        List<dev.allot.core.model.PlacedBlock> placed = plan.blocks();
        for (var block : lab.blocks()) {
            String what = String.format(
                    Locale.ROOT,
                    "  block of %s for %s: ",
                    block.describe(),
                    block.project().value());
            String where = placed.stream()
                    .filter(one -> one.project().equals(block.project())
                            && one.gpuType().equals(block.gpuType())
                            && one.gpus() == block.gpus())
                    .findFirst()
                    .map(one -> "placed " + one.start() + " .. " + one.end().minusDays(1))
                    .orElse("not placed (window " + block.earliestStart() + " .. "
                            + block.latestEnd().minusDays(1) + ")");
            out.append(what).append(where).append('\n');
        }
        return out.append('\n').toString();
    }

    static String solveLine(Plan plan) {
        var solve = plan.solve();
        return String.format(
                Locale.ROOT,
                "Solved in %.2f s (%s, seed %d): %s, gap %.3f %%, value %.1f (bound %.1f)",
                solve.solveTime().toMillis() / 1000.0,
                solve.solver(),
                solve.seed(),
                solve.status().name().toLowerCase(Locale.ROOT),
                solve.gap() * 100,
                solve.objective(),
                solve.bestBound());
    }

    static String byType(Lab lab, Plan plan) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-10s %9s %8s %8s %6s %10s  %s%n",
                "GPU type",
                "capacity",
                "reserve",
                "granted",
                "free",
                "value/GPU",
                "granted of capacity"));
        Map<GpuTypeId, Integer> granted = plan.grantedGpus();
        plan.capacityGpus().forEach((type, capacity) -> {
            int allocatable = plan.allocatableGpus().getOrDefault(type, 0);
            int given = granted.getOrDefault(type, 0);
            out.append(String.format(
                    Locale.ROOT,
                    "%-10s %9d %8d %8d %6d %10.2f  %s%n",
                    type,
                    capacity,
                    capacity - allocatable,
                    given,
                    allocatable - given,
                    plan.marginalValuePerGpu().getOrDefault(type, 0.0),
                    bar(given, capacity)));
        });
        return out.toString();
    }

    static String byCategory(Lab lab, Plan plan) {
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
        lab.gpuTypes().forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        Map<CategoryId, Double> effective = new LinkedHashMap<>();
        Map<CategoryId, Integer> gpus = new LinkedHashMap<>();
        Map<CategoryId, Integer> projects = new LinkedHashMap<>();
        lab.categories().forEach(category -> {
            effective.put(category.id(), 0.0);
            gpus.put(category.id(), 0);
            projects.put(category.id(), 0);
        });
        double total = 0;
        for (ProjectPlan line : plan.projects()) {
            double value = 0;
            for (var entry : line.grant().gpus().entrySet()) {
                value += entry.getValue() * speeds.getOrDefault(entry.getKey(), 0.0);
            }
            effective.merge(line.category(), value, Double::sum);
            gpus.merge(line.category(), line.grant().totalGpus(), Integer::sum);
            projects.merge(line.category(), line.grant().isEmpty() ? 0 : 1, Integer::sum);
            total += value;
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-16s %8s %6s %14s %7s  %s%n",
                "category",
                "funded",
                "GPUs",
                "effective GPUs",
                "share",
                "share of compute (policy)"));
        double sum = total;
        effective.forEach((category, value) -> out.append(String.format(
                Locale.ROOT,
                "%-16s %8d %6d %14.1f %6.1f%%  %s%s%n",
                category,
                projects.get(category),
                gpus.get(category),
                value,
                share(value, sum) * 100,
                bar(value, sum),
                bounds(lab, category))));
        for (ShareRelation relation : lab.policy().relations()) {
            double left = effective.getOrDefault(relation.left(), 0.0);
            double right = effective.getOrDefault(relation.right(), 0.0);
            out.append(String.format(
                    Locale.ROOT,
                    "policy %s: %.1f vs %.1f effective GPUs — %s%n",
                    relation,
                    left,
                    relation.factor() * right,
                    left + 1e-6 >= relation.factor() * right ? "holds" : "VIOLATED"));
        }
        return out.toString();
    }

    private static String bounds(Lab lab, CategoryId category) {
        for (ShareBound bound : lab.policy().shareBounds()) {
            if (bound.category().equals(category)) {
                return String.format(Locale.ROOT, " (%.0f–%.0f %%)", bound.minShare() * 100, bound.maxShare() * 100);
            }
        }
        return "";
    }

    static String decisions(Plan plan) {
        Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
        for (Decision decision : Decision.values()) {
            counts.put(decision, 0);
        }
        plan.projects().forEach(line -> counts.merge(line.decision(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("Decisions:");
        counts.forEach((decision, count) -> out.append(' ')
                .append(decision.label())
                .append(' ')
                .append(count)
                .append(decision == Decision.DECLINED ? "" : " ·"));
        return out.toString();
    }

    static String largestChanges(Plan plan, int count) {
        List<ProjectPlan> changed = plan.projects().stream()
                .filter(line -> line.changeGpus() != 0)
                .sorted(Comparator.comparingInt((ProjectPlan line) -> -Math.abs(line.changeGpus()))
                        .thenComparing(line -> line.project().value()))
                .limit(count)
                .toList();
        StringBuilder out = new StringBuilder("Largest changes:\n");
        for (ProjectPlan line : changed) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %+6d  %-28s %-14s %5d -> %5d GPUs  %-8s %s%n",
                    line.changeGpus(),
                    line.project(),
                    line.category(),
                    line.previous().totalGpus(),
                    line.grant().totalGpus(),
                    line.decision().label(),
                    line.yieldBy().map(date -> "yield by " + date).orElse("")));
            out.append("          ").append(line.explanation().summary()).append('\n');
        }
        return out.toString();
    }

    /** A full table, one row per project. */
    public static String table(Plan plan) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-28s %-14s %8s %-8s %6s %6s %6s  %s%n",
                "project",
                "category",
                "priority",
                "decision",
                "before",
                "grant",
                "change",
                "grant by type"));
        for (ProjectPlan line : plan.projects()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-28s %-14s %8.2f %-8s %6d %6d %+6d  %s%n",
                    line.project(),
                    line.category(),
                    line.priority(),
                    line.decision().label(),
                    line.previous().totalGpus(),
                    line.grant().totalGpus(),
                    line.changeGpus(),
                    line.grant()));
        }
        return out.toString();
    }

    private static double share(double value, double total) {
        return total <= 0 ? 0 : value / total;
    }

    static String bar(double value, double total) {
        int filled = total <= 0 ? 0 : (int) Math.round(BAR_WIDTH * Math.min(1, value / total));
        return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
    }
}
