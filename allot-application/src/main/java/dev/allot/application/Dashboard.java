package dev.allot.application;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Cycle;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leaders' view across cycles: per cycle the category shares, GPUs per type, decisions, used fraction, kills and
 * new projects, and the projects whose grant swung the most. It reads published plans only (and the lab's imported
 * history), so every role may see it.
 */
public final class Dashboard {
    /** How many swings {@link Overview#swings()} lists. */
    public static final int SWINGS = 10;

    /** The decisions counted per cycle, in the order they are shown. */
    public static final List<Decision> DECISIONS =
            List.of(Decision.NEW, Decision.GROW, Decision.KEEP, Decision.SHRINK, Decision.KILL);

    private final Store store;
    private final Usage usage;

    Dashboard(Store store, Usage usage) {
        this.store = store;
        this.usage = usage;
    }

    /**
     * One cycle's published portfolio.
     *
     * @param source "published vN" for a plan of the store, "imported" for history read from a lab file
     * @param categoryShares per category (the lab's order), its fraction of the granted effective compute (GPUs x
     *     relative speed), in [0, 1]
     * @param gpusByType granted GPUs per GPU type (the lab's order)
     * @param decisions projects per decision against the cycle before; empty for the oldest cycle when it has no plan
     *     to say so
     * @param usedFraction GPU-hours used over GPU-hours granted, over the projects with usage recorded; null when none
     *     is
     * @param killed projects killed in this cycle, sorted
     * @param started projects new in this cycle, sorted
     */
    public record CycleFigures(
            CycleId cycle,
            String source,
            Map<CategoryId, Double> categoryShares,
            Map<GpuTypeId, Integer> gpusByType,
            Map<Decision, Integer> decisions,
            Double usedFraction,
            List<ProjectId> killed,
            List<ProjectId> started) {
        public CycleFigures {
            categoryShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categoryShares));
            gpusByType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gpusByType));
            decisions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
            killed = List.copyOf(killed);
            started = List.copyOf(started);
        }

        public int grantedGpus() {
            return gpusByType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A project's largest change of total GPUs from one cycle to the next. */
    public record Swing(ProjectId project, CategoryId category, CycleId from, CycleId to, int fromGpus, int toGpus) {
        public int changeGpus() {
            return toGpus - fromGpus;
        }
    }

    /** Every cycle with a published portfolio, oldest first, and the largest swings (largest first). */
    public record Overview(
            List<CategoryId> categories, List<GpuTypeId> gpuTypes, List<CycleFigures> cycles, List<Swing> swings) {
        public Overview {
            categories = List.copyOf(categories);
            gpuTypes = List.copyOf(gpuTypes);
            cycles = List.copyOf(cycles);
            swings = List.copyOf(swings);
        }
    }

    /** The dashboard as of {@code today} (the newest cycle's usage counts up to that day). */
    public Overview overview(LocalDate today) {
        Optional<Cycle> newest =
                store.cycles().list().stream().map(Versioned::value).max(Comparator.comparing(Cycle::start));
        if (newest.isEmpty()) {
            return new Overview(List.of(), List.of(), List.of(), List.of());
        }
        Lab lab = store.lab().export(newest.get().id());
        List<PastCycle> cycles = new ArrayList<>(lab.history());
        Optional<StoredPlan> current = store.plans().latestPublished(lab.cycle());
        current.ifPresent(
                plan -> cycles.add(new PastCycle(lab.cycle(), plan.plan().grants(), Map.of())));
        Map<ProjectId, CategoryId> categories = new HashMap<>();
        lab.projects().forEach(project -> categories.put(project.id(), project.category()));
        List<CycleFigures> figures = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            PastCycle cycle = cycles.get(i);
            Optional<StoredPlan> plan = store.plans().latestPublished(cycle.cycle());
            Double used =
                    i == cycles.size() - 1 && current.isPresent() ? usedSoFar(lab.cycle(), today) : usedFraction(cycle);
            figures.add(figures(lab, categories, i == 0 ? null : cycles.get(i - 1), cycle, plan, used));
        }
        return new Overview(
                lab.categories().stream().map(c -> c.id()).toList(),
                lab.gpuTypes().stream().map(GpuType::id).toList(),
                figures,
                swings(cycles, categories));
    }

    private static CycleFigures figures(
            Lab lab,
            Map<ProjectId, CategoryId> categories,
            PastCycle previous,
            PastCycle cycle,
            Optional<StoredPlan> plan,
            Double used) {
        Map<GpuTypeId, Double> speeds = new HashMap<>();
        lab.gpuTypes().forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        Map<CategoryId, Double> compute = new LinkedHashMap<>();
        lab.categories().forEach(category -> compute.put(category.id(), 0.0));
        Map<GpuTypeId, Integer> byType = new LinkedHashMap<>();
        lab.gpuTypes().forEach(type -> byType.put(type.id(), 0));
        cycle.grants().forEach((project, grant) -> {
            grant.gpus().forEach((type, gpus) -> byType.merge(type, gpus, Integer::sum));
            compute.merge(
                    categories.getOrDefault(project, CategoryId.of("unknown")), effective(grant, speeds), Double::sum);
        });
        double total =
                compute.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<CategoryId, Double> shares = new LinkedHashMap<>();
        compute.forEach((category, value) -> shares.put(category, total > 0 ? value / total : 0));
        Map<ProjectId, Decision> decided = decisions(previous, cycle, plan);
        Map<Decision, Integer> counts = new EnumMap<>(Decision.class);
        if (!decided.isEmpty()) {
            DECISIONS.forEach(decision -> counts.put(decision, 0));
            decided.values().stream()
                    .filter(counts::containsKey)
                    .forEach(decision -> counts.merge(decision, 1, Integer::sum));
        }
        return new CycleFigures(
                cycle.cycle(),
                plan.map(p -> "published v" + p.version()).orElse("imported"),
                shares,
                byType,
                counts,
                used,
                having(decided, Decision.KILL),
                having(decided, Decision.NEW));
    }

    /** The plan's own decisions where the store holds one, else each grant against the cycle before. */
    private static Map<ProjectId, Decision> decisions(PastCycle previous, PastCycle cycle, Optional<StoredPlan> plan) {
        Map<ProjectId, Decision> decided = new HashMap<>();
        if (plan.isPresent()) {
            plan.get().plan().projects().forEach(line -> decided.put(line.project(), line.decision()));
            return decided;
        }
        if (previous == null) {
            return decided;
        }
        java.util.Set<ProjectId> projects =
                new java.util.TreeSet<>(previous.grants().keySet());
        projects.addAll(cycle.grants().keySet());
        projects.forEach(
                project -> decided.put(project, Decision.between(previous.grant(project), cycle.grant(project))));
        return decided;
    }

    private static List<ProjectId> having(Map<ProjectId, Decision> decided, Decision decision) {
        return decided.entrySet().stream()
                .filter(entry -> entry.getValue() == decision)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Grant-weighted mean of the used fractions recorded for the cycle; null when none is. */
    private static Double usedFraction(PastCycle cycle) {
        double used = 0;
        double granted = 0;
        for (Map.Entry<ProjectId, Double> entry : cycle.usedFraction().entrySet()) {
            int gpus = cycle.grant(entry.getKey()).totalGpus();
            used += entry.getValue() * gpus;
            granted += gpus;
        }
        return granted > 0 ? used / granted : null;
    }

    private Double usedSoFar(CycleId cycle, LocalDate today) {
        List<Usage.ProjectUse> measured = usage.use(cycle, today).stream()
                .filter(Usage.ProjectUse::measured)
                .toList();
        double granted =
                measured.stream().mapToDouble(Usage.ProjectUse::grantedGpuHours).sum();
        double used =
                measured.stream().mapToDouble(Usage.ProjectUse::usedGpuHours).sum();
        return granted > 0 ? used / granted : null;
    }

    /** Each project's largest move between consecutive cycles; the {@link #SWINGS} largest, ties by project. */
    private static List<Swing> swings(List<PastCycle> cycles, Map<ProjectId, CategoryId> categories) {
        Map<ProjectId, Swing> largest = new HashMap<>();
        for (int i = 1; i < cycles.size(); i++) {
            PastCycle before = cycles.get(i - 1);
            PastCycle after = cycles.get(i);
            java.util.Set<ProjectId> projects =
                    new java.util.TreeSet<>(before.grants().keySet());
            projects.addAll(after.grants().keySet());
            for (ProjectId project : projects) {
                Swing swing = new Swing(
                        project,
                        categories.getOrDefault(project, CategoryId.of("unknown")),
                        before.cycle(),
                        after.cycle(),
                        before.grant(project).totalGpus(),
                        after.grant(project).totalGpus());
                Swing kept = largest.get(project);
                if (swing.changeGpus() != 0
                        && (kept == null || Math.abs(swing.changeGpus()) > Math.abs(kept.changeGpus()))) {
                    largest.put(project, swing);
                }
            }
        }
        return largest.values().stream()
                .sorted(Comparator.comparingInt((Swing s) -> -Math.abs(s.changeGpus()))
                        .thenComparing(s -> s.project().value()))
                .limit(SWINGS)
                .toList();
    }

    private static double effective(Allocation grant, Map<GpuTypeId, Double> speeds) {
        return grant.gpus().entrySet().stream()
                .mapToDouble(entry -> entry.getValue() * speeds.getOrDefault(entry.getKey(), 1.0))
                .sum();
    }
}
