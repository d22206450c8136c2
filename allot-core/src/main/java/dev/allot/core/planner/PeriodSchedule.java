package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The solved grants of a plan over time, period by period: the plan's periods, each project's value over the cycle
 * (its value in each period weighed by the period's share of the cycle), the GPUs it moves, and the sentences that
 * tell a project how capacity events change its grant. With one period it changes nothing.
 */
final class PeriodSchedule {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final Lab lab;
    private final AllocationModel allocation;
    private final List<List<Allocation>> grantsByPeriod;
    private final Map<String, Pool> pools;
    /** GPU-hours used of each budget, summed once: a category's budget is cited in each of its projects' lines. */
    private final Map<dev.allot.core.model.Budget, Double> used = new java.util.HashMap<>();

    PeriodSchedule(Lab lab, AllocationModel allocation, List<List<Allocation>> grantsByPeriod) {
        this.lab = lab;
        this.allocation = allocation;
        this.grantsByPeriod = grantsByPeriod;
        this.pools = lab.pools().stream()
                .collect(Collectors.toMap(Pool::name, pool -> pool, (a, b) -> a, LinkedHashMap::new));
    }

    private int count() {
        return allocation.periods.size();
    }

    /** The day by which the first period's yields are due: the policy's notice, cut short by a second period. */
    LocalDate firstYieldDate() {
        LocalDate notice = lab.cycleStart().plusDays(lab.policy().yieldNoticeDays());
        if (count() == 1) {
            return notice;
        }
        LocalDate second = allocation.periods.get(1).days().from();
        return second.isBefore(notice) ? second : notice;
    }

    /**
     * The day until which every project keeps its previous grant on the cycle start (its yields are due then), or
     * null when the policy gives no notice or the plan does not start on the cycle start.
     */
    LocalDate previousHeldUntil() {
        return allocation.previousHeldOnStart() ? firstYieldDate() : null;
    }

    /** The project's value over the cycle: each period's value weighed by its share of the cycle. */
    double value(int p) {
        PlannedProject project = allocation.projects.get(p);
        double value = 0;
        for (int k = 0; k < count(); k++) {
            Fleet fleet = allocation.periods.get(k).fleet();
            double effective = 0;
            for (Map.Entry<GpuTypeId, Integer> entry :
                    grantsByPeriod.get(k).get(p).gpus().entrySet()) {
                effective += entry.getValue()
                        * project.effectiveSpeed().getOrDefault(entry.getKey(), fleet.speed(entry.getKey()));
            }
            value += allocation.periods.get(k).weight()
                    * project.priority()
                    * Explainer.curveValue(allocation.curves.get(p), effective);
        }
        return value;
    }

    /** GPUs the project's total moves: versus the previous plan, then at every period boundary. */
    int movedGpus(int p) {
        int moved = Math.abs(grantsByPeriod.get(0).get(p).totalGpus()
                - allocation.projects.get(p).previous().totalGpus());
        for (int k = 1; k < count(); k++) {
            moved += Math.abs(grantsByPeriod.get(k).get(p).totalGpus()
                    - grantsByPeriod.get(k - 1).get(p).totalGpus());
        }
        return moved;
    }

    /** The plan's periods; empty for a single-period plan. */
    List<PlanPeriod> periods() {
        if (count() == 1) {
            return List.of();
        }
        List<PlanPeriod> periods = new ArrayList<>();
        for (int k = 0; k < count(); k++) {
            PlanningPeriod period = allocation.periods.get(k);
            Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
            for (int p = 0; p < allocation.projects.size(); p++) {
                grants.put(
                        allocation.projects.get(p).project().id(),
                        grantsByPeriod.get(k).get(p));
            }
            Map<GpuTypeId, Integer> allocatable = new LinkedHashMap<>();
            period.fleet()
                    .types()
                    .forEach(type -> allocatable.put(type, period.fleet().allocatableGpus(type)));
            periods.add(new PlanPeriod(
                    period.days().from(), period.days().until(), period.days().capacityGpus(), allocatable, grants));
        }
        return periods;
    }

    /** The line with its explanation telling how its grant changes over the cycle, and why. */
    ProjectPlan annotate(int p, ProjectPlan line) {
        if (count() == 1) {
            return line;
        }
        List<String> sentences = new ArrayList<>();
        for (int k = 1; k < count(); k++) {
            Allocation before = grantsByPeriod.get(k - 1).get(p);
            Allocation now = grantsByPeriod.get(k).get(p);
            if (!now.equals(before)) {
                sentences.add(change(allocation.periods.get(k), before, now));
            }
        }
        budgetSentence(p).ifPresent(sentences::add);
        return told(line, sentences);
    }

    /** The line with the sentences added to its explanation's summary (the line itself when there are none). */
    static ProjectPlan told(ProjectPlan line, List<String> sentences) {
        if (sentences.isEmpty()) {
            return line;
        }
        Explanation old = line.explanation();
        Explanation explanation = new Explanation(
                old.summary() + " " + String.join(" ", sentences),
                old.binding(),
                old.marginalValuePerGpu(),
                old.whatWouldChange());
        return new ProjectPlan(
                line.project(),
                line.category(),
                line.priority(),
                line.previous(),
                line.grant(),
                line.decision(),
                line.effectiveGpus(),
                line.value(),
                line.yieldBy(),
                explanation);
    }

    /**
     * "Uses 26,880 of its 30,000 H100 GPU-hours." for each budget of the project, and "Category product uses 18,000
     * of its 20,000 H100 GPU-hours." for each budget of its category.
     */
    private java.util.Optional<String> budgetSentence(int p) {
        dev.allot.core.model.Project project = allocation.projects.get(p).project();
        List<String> own = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        lab.budgets().stream().filter(budget -> budget.covers(project)).forEach(budget -> {
            String part = String.format(
                    Locale.ROOT,
                    "%,.0f of its %,.0f %s GPU-hours",
                    used.computeIfAbsent(budget, this::budgetUsed),
                    budget.gpuHours(),
                    budget.gpuType().value());
            if (budget.owner() instanceof ProjectId) {
                own.add(part);
            } else {
                sentences.add(budget.ownerSentenceText() + " uses " + part + ".");
            }
        });
        if (!own.isEmpty()) {
            sentences.add(0, "Uses " + String.join(" and ", own) + ".");
        }
        return sentences.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(" ", sentences));
    }

    /** The GPU-hours of the budget's type granted over the periods to the projects it covers. */
    private double budgetUsed(dev.allot.core.model.Budget budget) {
        double used = 0;
        for (int q = 0; q < allocation.projects.size(); q++) {
            if (budget.covers(allocation.projects.get(q).project())) {
                for (int k = 0; k < count(); k++) {
                    used += grantsByPeriod.get(k).get(q).gpus(budget.gpuType())
                            * allocation.periods.get(k).hours();
                }
            }
        }
        return used;
    }

    private String change(PlanningPeriod period, Allocation before, Allocation now) {
        LocalDate from = period.days().from();
        List<CapacityEvent> events = period.days().events();
        String to = "to " + (now.totalGpus() == 0 ? "nothing" : now.toString()) + " from " + DAY.format(from);
        boolean givesUp = Planner.givesUpGpus(before, now);
        String yields = "";
        if (givesUp) {
            long notice = ChronoUnit.DAYS.between(lab.cycleStart(), from);
            String yielded = before.totalGpus() > now.totalGpus()
                    ? "it yields " + (before.totalGpus() - now.totalGpus()) + " GPUs by that date"
                    : "it yields GPUs of one type by that date";
            String shortNotice = notice < lab.policy().yieldNoticeDays()
                    ? ", less than the policy's " + lab.policy().yieldNoticeDays() + "-day notice"
                    : "";
            yields = ": " + yielded + ", announced " + notice + " days ahead" + shortNotice;
        }
        if (events.isEmpty()) {
            return "Its grant moves " + to + yields + ".";
        }
        String cause = events.stream().map(event -> describe(event, from)).collect(Collectors.joining(" and "));
        return switch (direction(events, from, givesUp)) {
            case RAISES -> capitalised(cause) + " raises its grant " + to + ".";
            case LOWERS -> capitalised(cause) + " lowers its grant " + to + yields + ".";
            // the plan is re-balanced on the event's day, against the event's own direction: no causal verb
            case MOVES -> "With " + cause + ", its grant moves " + to + yields + ".";
        };
    }

    enum Direction {
        RAISES,
        LOWERS,
        MOVES
    }

    /**
     * Whether the day's capacity events explain a change as its cause: capacity coming (an arrival, an outage's end)
     * raises a grant, capacity going (a retirement, an outage's start) lowers one. A change against the events'
     * direction (a grant lowered on an arrival, when the plan re-balances) or with mixed events only moves.
     */
    static Direction direction(List<CapacityEvent> events, LocalDate day, boolean givesUp) {
        boolean adds = events.stream().allMatch(event -> addsOn(event, day));
        boolean removes = events.stream().noneMatch(event -> addsOn(event, day));
        if (adds && !givesUp) {
            return Direction.RAISES;
        }
        if (removes && givesUp) {
            return Direction.LOWERS;
        }
        return Direction.MOVES;
    }

    private static boolean addsOn(CapacityEvent event, LocalDate day) {
        return switch (event.kind()) {
            case ARRIVAL -> true;
            case RETIREMENT -> false;
            case OUTAGE -> !event.from().equals(day);
        };
    }

    private String describe(CapacityEvent event, LocalDate day) {
        Pool pool = pools.get(event.pool());
        String type = pool == null ? "GPUs" : pool.gpuType().value();
        return switch (event.kind()) {
            case ARRIVAL -> "+" + event.gpus() + " " + type + " arriving in pool " + event.pool();
            case RETIREMENT -> "the retirement of " + event.gpus() + " " + type + " from pool " + event.pool();
            case OUTAGE ->
                event.from().equals(day)
                        ? "the outage of " + event.gpus() + " " + type + " in pool " + event.pool() + " until "
                                + DAY.format(event.until().get())
                        : "the end of the outage of pool " + event.pool() + " (+" + event.gpus() + " " + type + ")";
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
