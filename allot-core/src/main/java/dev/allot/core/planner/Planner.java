package dev.allot.core.planner;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.SolveReport;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drafts the allocation of a cycle: the exact optimum of the model in docs/planner.md, with an explanation of
 * every grant. Stateless and thread-safe; one instance can plan many labs.
 *
 * <p>Steps of {@link #plan(Lab, ProgressListener)}: 1. gather the projects to plan; 2. write the model; 3. solve
 * it with CP-SAT (an infeasible policy is reported with the conflicting rules); 4. read the grants and decisions;
 * 5. price capacity with the fixed LP and explain each grant (the LP's solves on a thread of their own: {@link
 * Explainer}).
 */
public final class Planner {
    private final PlannerOptions options;

    private Planner(PlannerOptions options) {
        this.options = options;
    }

    public static Planner create(PlannerOptions options) {
        return new Planner(options);
    }

    public PlannerOptions options() {
        return options;
    }

    public Plan plan(Lab lab) {
        return plan(lab, ProgressListener.NONE);
    }

    /**
     * @throws AllotException of kind INFEASIBLE when the policy, pins and overrides cannot all hold, naming them;
     *     of kind INVALID_INPUT when the lab breaks a {@link GrantRules} rule (every problem listed); {@code
     *     solve-cancelled} once {@link ProgressListener#cancelled()} says so
     */
    public Plan plan(Lab lab, ProgressListener listener) {
        return Interruption.during(listener, () -> planWatched(lab, listener));
    }

    private Plan planWatched(Lab lab, ProgressListener listener) {
        List<Problem> problems = GrantRules.check(lab);
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "LAB_CANNOT_BE_PLANNED",
                    "Lab " + lab.name() + " cannot be planned: "
                            + String.join(
                                    "; ",
                                    problems.stream().map(Problem::describe).toList()),
                    problems,
                    null);
        }
        Instant start = options.clock().instant();
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        Fleet fleet = periods.get(0).fleet();
        List<PlannedProject> projects = gather(lab, fleet);
        AllocationModel allocation = AllocationModel.forSolve(lab, periods, projects, options.valueModel());
        SolverOutcome outcome = periods.size() == 1
                ? OverTimeSolve.solveModel(allocation, options, listener)
                : OverTimeSolve.solve(allocation, options.valueModel(), options, listener);
        Interruption.check(listener);
        if (outcome.status() == SolverOutcome.Status.INFEASIBLE) {
            throw ConflictFinder.explain(allocation, lab, options);
        }
        if (outcome.status() == SolverOutcome.Status.UNKNOWN) {
            throw new AllotException(
                    AllotException.Kind.INFEASIBLE,
                    "PLAN_NOT_FOUND",
                    "No plan was found within the time limit of "
                            + options.timeLimit().toMillis() / 1000.0
                            + " s. Maybe allow more time (--time-limit) or a larger gap (--gap).");
        }
        Duration solveTime = Duration.between(start, options.clock().instant());
        List<List<Allocation>> grantsByPeriod = new ArrayList<>();
        for (int k = 0; k < periods.size(); k++) {
            grantsByPeriod.add(grants(allocation, k, outcome.values()));
        }
        List<Allocation> grants = grantsByPeriod.get(0);
        PeriodSchedule schedule = new PeriodSchedule(lab, allocation, grantsByPeriod);
        BlockSchedule blocks =
                new BlockSchedule(allocation, grantsByPeriod, outcome.values(), schedule.previousHeldUntil());
        AllocationModel first = firstPeriod(allocation, lab, options.valueModel(), blocks);
        double[] firstValues = first == allocation
                ? outcome.values()
                : OverTimeSolve.Values.mapped(first, allocation, new int[] {0}, outcome.values());
        try (Explainer explainer = Explainer.start(first, lab, grants, firstValues, fundedVars(first), options)) {
            List<ProjectPlan> lines = new ArrayList<>();
            double planValue = 0;
            for (int p = 0; p < projects.size(); p++) {
                lines.add(blocks.annotate(
                        p, schedule.annotate(p, line(lab, allocation, p, grants.get(p), explainer, schedule))));
                planValue += periods.size() == 1 ? explainer.value(p) : schedule.value(p);
                planValue += blocks.value(p);
                planValue -= AllocationModel.STABILITY_PENALTY_PER_GPU * schedule.movedGpus(p);
            }
            return Plan.builder()
                    .cycle(lab.cycle())
                    .projects(lines)
                    .capacityGpus(
                            periods.size() == 1
                                    ? lab.capacityGpus()
                                    : periods.get(0).days().capacityGpus())
                    .allocatableGpus(allocatable(fleet))
                    .marginalValuePerGpu(explainer.shadowPrices())
                    .solve(report(outcome, planValue, solveTime))
                    .periods(schedule.periods())
                    .blocks(blocks.placed())
                    .budgets(lab.budgets())
                    .build();
        }
    }

    /**
     * The model explanations are priced with: the first period alone, as a one-period cycle (weight 1), so that its
     * prices are per GPU held over the cycle like those of a one-period plan and cost one period's re-solves; later
     * periods are explained by the events that change them ({@link PeriodSchedule#annotate}).
     */
    private static AllocationModel firstPeriod(
            AllocationModel allocation, Lab lab, ValueModel valueModel, BlockSchedule blocks) {
        if (allocation.periods.size() == 1) {
            return allocation;
        }
        PlanningPeriod period = allocation.periods.get(0);
        // blocks placed over the first period hold their GPUs: the grants are priced on what is left
        Map<GpuTypeId, Integer> held = new LinkedHashMap<>();
        period.fleet().types().forEach(type -> held.put(type, blocks.heldGpus(0, type)));
        return new AllocationModel(
                lab.withBlocks(List.of()),
                List.of(new PlanningPeriod(period.days(), period.fleet().without(held), 1)),
                allocation.projects,
                valueModel);
    }

    static List<PlannedProject> gather(Lab lab, Fleet fleet) {
        Map<ProjectId, Ask> own = lab.asksByProject();
        Map<ProjectId, Ask> asks = MissingAsks.asksForPlanning(lab);
        Map<ProjectId, Double> priorities = lab.priorities();
        var pins = lab.pinsByProject();
        var overrides = lab.overridesByProject();
        Map<ProjectId, Allocation> previousGrants =
                lab.previousCycle().map(past -> past.grants()).orElse(Map.of());
        List<PlannedProject> planned = new ArrayList<>();
        // Canonical order (by id), not file order: the model, and so the plan, must not depend on how the lab file
        // happens to list its projects.
        List<Project> canonical = lab.projects().stream()
                .sorted(Comparator.comparing(project -> project.id().value()))
                .toList();
        for (Project project : canonical) {
            Optional<Ask> ask = Optional.ofNullable(asks.get(project.id()));
            Allocation previous = previousGrants.getOrDefault(project.id(), Allocation.NONE);
            var pin = Optional.ofNullable(pins.get(project.id()));
            if (ask.isEmpty() && previous.isEmpty() && pin.isEmpty()) {
                continue;
            }
            Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
            ask.ifPresent(a -> fleet.types().stream()
                    .filter(a::accepts)
                    .forEach(type -> speeds.put(type, fleet.speed(type) * a.speedFactor(type))));
            double best = speeds.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
            planned.add(new PlannedProject(
                    project,
                    ask,
                    pin,
                    Optional.ofNullable(overrides.get(project.id())),
                    previous,
                    priorities.get(project.id()),
                    speeds,
                    best,
                    inactiveReason(lab, project, ask),
                    ask.isPresent() && !own.containsKey(project.id())
                            ? MissingAsks.rule(lab.policy().noAsk())
                            : ""));
        }
        return planned;
    }

    private static String inactiveReason(Lab lab, Project project, Optional<Ask> ask) {
        if (project.status() != ProjectStatus.ACTIVE) {
            return "the project is " + project.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (ask.isPresent()) {
            return "";
        }
        return lab.previousGrant(project.id()).isEmpty()
                ? "it filed no ask this cycle"
                : "released: it filed no ask this cycle, and "
                        + MissingAsks.rule(lab.policy().noAsk());
    }

    private static List<Allocation> grants(AllocationModel allocation, int k, double[] values) {
        List<Allocation> grants = new ArrayList<>();
        Fleet fleet = allocation.periods.get(k).fleet();
        for (Map<GpuTypeId, Var> byType : allocation.unitsByPeriod.get(k)) {
            Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
            byType.forEach((type, var) -> gpus.put(type, (int) Math.round(values[var.index()]) * fleet.unitGpus(type)));
            grants.add(new Allocation(gpus));
        }
        return grants;
    }

    static boolean givesUpGpus(Allocation previous, Allocation grant) {
        return previous.gpus().entrySet().stream().anyMatch(held -> grant.gpus(held.getKey()) < held.getValue());
    }

    private static Set<Var> fundedVars(AllocationModel allocation) {
        return new HashSet<>(allocation.funded);
    }

    private static ProjectPlan line(
            Lab lab,
            AllocationModel allocation,
            int p,
            Allocation grant,
            Explainer explainer,
            PeriodSchedule schedule) {
        PlannedProject project = allocation.projects.get(p);
        Decision decision = Decision.between(project.previous(), grant, lab.relativeSpeeds());
        // every reduction gets the notice, also a type move inside a grow or keep (H100:16 -> A100:24 gives up H100s);
        // in a plan over time the yields complete within the first period
        Optional<LocalDate> yieldBy =
                givesUpGpus(project.previous(), grant) ? Optional.of(schedule.firstYieldDate()) : Optional.empty();
        Explanation explanation = explainer.explain(p, decision);
        return new ProjectPlan(
                project.project().id(),
                project.project().category(),
                project.priority(),
                project.previous(),
                grant,
                decision,
                explainer.effectiveGpus(p),
                allocation.periods.size() == 1 ? explainer.value(p) : schedule.value(p),
                yieldBy,
                explanation);
    }

    private static Map<GpuTypeId, Integer> allocatable(Fleet fleet) {
        Map<GpuTypeId, Integer> allocatable = new LinkedHashMap<>();
        fleet.types().forEach(type -> allocatable.put(type, fleet.allocatableGpus(type)));
        return allocatable;
    }

    /**
     * The solve as reported: the objective is the plan's own value (priority x value curve of its grants, minus the
     * stability term), recomputed from the grants; the engine's objective can sit a little below it (value segments
     * or change variables left slack within the gap). The bound is the engine's proven bound, and the gap is computed
     * from these two, so the three always agree.
     */
    private SolveReport report(SolverOutcome outcome, double planValue, Duration solveTime) {
        double bound = Math.max(outcome.bound(), planValue);
        double gap = (bound - planValue) / Math.max(1, Math.abs(planValue));
        SolveReport.Status status = outcome.status() == SolverOutcome.Status.OPTIMAL || gap <= options.relativeGap()
                ? SolveReport.Status.OPTIMAL
                : SolveReport.Status.FEASIBLE;
        return new SolveReport(
                status,
                planValue,
                bound,
                gap,
                solveTime.isNegative() ? Duration.ZERO : solveTime,
                options.engine(),
                options.seed());
    }
}
