package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Budget;
import dev.allot.core.model.BudgetBurn;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.UsagePolicy;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import dev.allot.store.UsageDay;
import dev.allot.store.UsageRepository;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Usage fed back from the schedulers: record what Slurm reported or a usage CSV says (Kueue), and read how much of
 * its grant each project used over a cycle. The store keeps GPU-hours per project, GPU type and day; the next cycle's
 * history, the board and the planner's usage rule read it from there.
 */
public final class Usage {
    private final Store store;

    Usage(Store store) {
        this.store = store;
    }

    /**
     * What was recorded.
     *
     * @param changedDays rows new or changed in the store
     * @param leftOut days of accounts that are no project of the lab (not recorded)
     * @param unknownProjects those accounts, sorted
     */
    public record Recorded(int changedDays, int leftOut, List<String> unknownProjects) {}

    /**
     * One project's use of its grant over a window.
     *
     * @param idle whether the used fraction is below the cycle policy's {@code usage.idleBelow}
     */
    public record ProjectUse(
            ProjectId project,
            double grantedGpuHours,
            double usedGpuHours,
            double usedFraction,
            boolean measured,
            boolean idle) {}

    /**
     * What a project used of last cycle's grant, as the board and the API show it and the planner's usage rule reads
     * it.
     *
     * @param usedFraction GPU-hours used over GPU-hours granted last cycle; null when unknown (no grant last cycle, or
     *     no usage recorded for it)
     * @param idle whether that fraction is below the cycle policy's {@code usage.idleBelow} (never when unknown)
     */
    public record LastUse(Double usedFraction, boolean idle) {
        /** No grant last cycle, or no usage recorded for it. */
        public static final LastUse UNKNOWN = new LastUse(null, false);
    }

    /** The days a cycle's usage covers: {@code [start, end)}. */
    public record Window(LocalDate start, LocalDate endExclusive) {}

    /** Records scheduler usage; days of accounts that are no project of the lab are left out and counted. */
    public Recorded record(List<UsageDay> days, Actor actor) {
        Set<ProjectId> known = projects();
        List<UsageDay> kept =
                days.stream().filter(day -> known.contains(day.project())).toList();
        int changed = store.usage().record(kept, actor);
        List<String> unknown = days.stream()
                .map(day -> day.project().value())
                .filter(id -> !known.contains(ProjectId.of(id)))
                .distinct()
                .sorted()
                .toList();
        return new Recorded(changed, days.size() - kept.size(), unknown);
    }

    /**
     * Imports a usage CSV ({@code project,gpu_type,date,gpu_hours}). Every bad row is reported at once with its line
     * and field, and then nothing is stored; a good file is stored in one transaction.
     *
     * @throws AllotException {@code usage.csv.invalid} naming every problem
     */
    public Recorded importCsv(String source, String text, Actor actor) {
        Set<String> projects = projects().stream().map(ProjectId::value).collect(Collectors.toSet());
        Set<String> types = store.lab().gpuTypes().stream()
                .map(type -> type.id().value())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        UsageCsv.Read read = UsageCsv.read(text, projects, types);
        if (!read.problems().isEmpty()) {
            List<Problem> problems = read.problems();
            throw new AllotException(
                    ErrorCode.USAGE_CSV_INVALID,
                    source + ": " + problems.size() + " problem(s), nothing imported: "
                            + String.join(
                                    "; ",
                                    problems.stream().map(Problem::describe).toList()),
                    problems,
                    null);
        }
        return new Recorded(store.usage().record(read.days(), actor), 0, List.of());
    }

    /** The cycle's window: its start to the next cycle's start, or to the end of {@code today} if that is earlier. */
    public Window window(CycleId cycle, LocalDate today) {
        LocalDate start = store.cycles().get(cycle).value().start();
        LocalDate next = store.cycles().list().stream()
                .map(c -> c.value().start())
                .filter(day -> day.isAfter(start))
                .min(LocalDate::compareTo)
                .orElse(LocalDate.MAX);
        LocalDate end = today.plusDays(1);
        return new Window(start, next.isBefore(end) ? next : end);
    }

    /**
     * Per project with a grant in the cycle's published plan, what it used of it over the cycle's window (see
     * {@link #window}); granted hours follow the limits in force day by day and nothing before the cycle start
     * counts. Empty without a published plan.
     */
    public List<ProjectUse> use(CycleId cycle, LocalDate today) {
        UsagePolicy rule = store.cycles().get(cycle).value().policy().usage();
        Window window = window(cycle, today);
        return store.usage().use(cycle, window.endExclusive()).stream()
                .map(row -> of(row, rule))
                .toList();
    }

    /**
     * The burn-down of the cycle's stored GPU-hour budgets on {@code today}: used, remaining and projected exhaustion
     * of each (see {@link BudgetBurn}), from the usage recorded since the cycle start.
     */
    public List<BudgetBurn> burnDown(CycleId cycle, LocalDate today) {
        return burnDown(cycle, store.cycles().budgets(cycle), today);
    }

    /**
     * The burn-down of {@code budgets} (a plan's, say) in the cycle on {@code today}, from the usage recorded since
     * the cycle start, in the order of the budgets.
     */
    public List<BudgetBurn> burnDown(CycleId cycle, List<Budget> budgets, LocalDate today) {
        if (budgets.isEmpty()) {
            return List.of();
        }
        LocalDate start = store.cycles().get(cycle).value().start();
        Map<ProjectId, Map<GpuTypeId, Map<LocalDate, Double>>> daily = new HashMap<>();
        if (!today.isBefore(start)) {
            store.usage()
                    .usage(start, today)
                    .forEach(day -> daily.computeIfAbsent(day.project(), key -> new HashMap<>())
                            .computeIfAbsent(day.gpuType(), key -> new HashMap<>())
                            .merge(day.day(), day.gpuHours(), Double::sum));
        }
        List<dev.allot.core.model.Project> projects = store.lab().projects().stream()
                .map(dev.allot.store.Versioned::value)
                .toList();
        return budgets.stream()
                .map(budget -> BudgetBurn.of(budget, dailyOf(budget, projects, daily), start, today))
                .toList();
    }

    /** The daily GPU-hours of the budget's type, summed over the projects the budget covers. */
    private static Map<LocalDate, Double> dailyOf(
            Budget budget,
            List<dev.allot.core.model.Project> projects,
            Map<ProjectId, Map<GpuTypeId, Map<LocalDate, Double>>> daily) {
        Map<LocalDate, Double> sum = new HashMap<>();
        projects.stream()
                .filter(budget::covers)
                .forEach(project -> daily.getOrDefault(project.id(), Map.of())
                        .getOrDefault(budget.gpuType(), Map.of())
                        .forEach((day, hours) -> sum.merge(day, hours, Double::sum)));
        return sum;
    }

    /**
     * One budget's burn-down as the board and the portfolio show it.
     *
     * @param cycleEnd the day the cycle's budget ends: the next cycle's start, or {@link Lab#CYCLE_DAYS} after the
     *     cycle's start when there is none yet
     * @param runsOut whether the budget is spent or, at the recent rate, runs out before {@code cycleEnd}: the
     *     project is flagged with {@link BudgetBurn#exhaustedOn()}
     */
    public record BudgetStatus(BudgetBurn burn, LocalDate cycleEnd, boolean runsOut) {}

    /** Every stored budget of the cycle with its burn-down on {@code today} and whether it runs out in the cycle. */
    public List<BudgetStatus> budgetStatus(CycleId cycle, LocalDate today) {
        List<BudgetBurn> burns = burnDown(cycle, today);
        if (burns.isEmpty()) {
            return List.of();
        }
        LocalDate start = store.cycles().get(cycle).value().start();
        LocalDate end = store.cycles().list().stream()
                .map(c -> c.value().start())
                .filter(day -> day.isAfter(start))
                .min(LocalDate::compareTo)
                .orElse(start.plusDays(Lab.CYCLE_DAYS));
        return burns.stream()
                .map(burn -> new BudgetStatus(burn, end, burn.runsOutBefore(end)))
                .toList();
    }

    /**
     * The GPU types whose budget each project or category has spent on {@code today}: Kueue lowers their quota (a
     * category's: the quota of each of its projects) to zero.
     */
    public Map<dev.allot.core.model.BudgetOwner, Set<GpuTypeId>> spentBudgets(
            CycleId cycle, List<Budget> budgets, LocalDate today) {
        Map<dev.allot.core.model.BudgetOwner, Set<GpuTypeId>> spent =
                new java.util.TreeMap<>(java.util.Comparator.comparing(dev.allot.core.model.BudgetOwner::kind)
                        .thenComparing(dev.allot.core.model.BudgetOwner::value));
        burnDown(cycle, budgets, today).stream()
                .filter(BudgetBurn::spent)
                .forEach(burn -> spent.computeIfAbsent(
                                burn.budget().owner(),
                                key -> new java.util.TreeSet<>(java.util.Comparator.comparing(GpuTypeId::value)))
                        .add(burn.budget().gpuType()));
        return spent;
    }

    /**
     * Per project of {@code lab}, what it used of its grant in the lab's previous cycle ({@link Lab#previousCycle()},
     * the one the planner's usage rule reads), judged idle by the lab's policy. Projects without a grant or without
     * recorded usage last cycle are {@link LastUse#UNKNOWN}.
     */
    public static Map<ProjectId, LastUse> lastCycle(Lab lab) {
        UsagePolicy rule = lab.policy().usage();
        Map<ProjectId, LastUse> uses = new HashMap<>();
        lab.previousCycle()
                .ifPresent(past -> past.usedFraction().forEach((project, used) -> {
                    if (past.grant(project).totalGpus() > 0) {
                        uses.put(project, new LastUse(used, rule.idle(used)));
                    }
                }));
        return uses;
    }

    private static ProjectUse of(UsageRepository.ProjectUse row, UsagePolicy rule) {
        return new ProjectUse(
                row.project(),
                row.grantedGpuHours(),
                row.usedGpuHours(),
                row.usedFraction(),
                row.measured(),
                row.measured() && row.grantedGpuHours() > 0 && rule.idle(row.usedFraction()));
    }

    private Set<ProjectId> projects() {
        Set<ProjectId> known = new HashSet<>();
        store.lab().projects().forEach(project -> known.add(project.value().id()));
        return known;
    }
}
