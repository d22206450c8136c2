package dev.allot.sim;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dated parts of a plan, in simulated seconds: second 0 of the trace is midnight of the cycle start. Holds the
 * grants of every period after the first (applied at its first day), the lab's capacity events as GPUs added to or
 * removed from a pool at a time, and the plan's reserved blocks. Empty for a single-period plan of a lab without
 * events: the run is then exactly what it was before plans had time. Checked once, every problem reported at once.
 */
final class PlanTimeline {
    /** A change of the cluster at one time: new grants, or GPUs added to (positive) or removed from a pool. */
    record Step(double seconds, int[][] grants, int pool, int gpus, int event) {}

    static final double DAY_SECONDS = 86_400;

    final LocalDate cycleStart;
    final List<Step> steps;
    final List<CapacityEvent> events;
    final List<PlacedBlock> blocks;
    /** Per block, its project's index in the plan and its type's index in the lab. */
    final int[] blockProject;

    final int[] blockType;
    /** Per pool, the most GPUs arrivals add to it (nodes kept offline until they arrive). */
    final int[] arrivingGpus;
    /** Number of periods (1 for a single-period plan). */
    final int periods;

    private PlanTimeline(
            LocalDate cycleStart,
            List<Step> steps,
            List<CapacityEvent> events,
            List<PlacedBlock> blocks,
            int[] blockProject,
            int[] blockType,
            int[] arrivingGpus,
            int periods) {
        this.cycleStart = cycleStart;
        this.steps = List.copyOf(steps);
        this.events = List.copyOf(events);
        this.blocks = List.copyOf(blocks);
        this.blockProject = blockProject;
        this.blockType = blockType;
        this.arrivingGpus = arrivingGpus;
        this.periods = periods;
    }

    boolean hasCapacityEvents() {
        return !events.isEmpty();
    }

    boolean isEmpty() {
        return steps.isEmpty() && blocks.isEmpty();
    }

    double seconds(LocalDate day) {
        return ChronoUnit.DAYS.between(cycleStart, day) * DAY_SECONDS;
    }

    /**
     * Compiles the plan's periods, the lab's capacity events and the plan's blocks against the run's projects and GPU
     * types. {@code firstArrivalSeconds} is the trace's first (scaled) arrival, checked against the plan's cycle.
     */
    static PlanTimeline compile(Lab lab, Plan plan, Workload work, double firstArrivalSeconds) {
        List<Problem> problems = new ArrayList<>();
        LocalDate start = lab.cycleStart();
        LocalDate end = plan.periods().isEmpty()
                ? lab.cycleEnd()
                : plan.periods().get(plan.periods().size() - 1).until();
        List<Step> steps = new ArrayList<>();
        checkPeriods(plan, start, work, problems);
        List<PlanPeriod> periods = plan.periods();
        for (int k = 1; k < periods.size(); k++) {
            PlanPeriod period = periods.get(k);
            steps.add(new Step(days(start, period.from()), grantsOf(period, work), -1, 0, -1));
        }
        boolean dated = !periods.isEmpty()
                || !lab.capacityEvents().isEmpty()
                || !plan.blocks().isEmpty();
        if (dated && firstArrivalSeconds >= days(start, end)) {
            problems.add(Problem.of(
                            "trace",
                            String.format(
                                    java.util.Locale.ROOT, "first job on day %.1f", firstArrivalSeconds / DAY_SECONDS),
                            "the plan's periods cover days 0 to " + days(start, end) / DAY_SECONDS + " (" + start
                                    + " to " + end + ") and the trace's second 0 is " + start
                                    + ", so no job arrives while the plan holds")
                    .withHint("Maybe simulate a trace of this cycle, or raise --arrival-scale?"));
        }
        int[] arriving = new int[lab.pools().size()];
        List<CapacityEvent> events = lab.capacityEvents();
        for (int e = 0; e < events.size(); e++) {
            addEvent(lab, e, start, steps, arriving, problems);
        }
        int[] blockProject = new int[plan.blocks().size()];
        int[] blockType = new int[plan.blocks().size()];
        for (int b = 0; b < plan.blocks().size(); b++) {
            PlacedBlock block = plan.blocks().get(b);
            blockProject[b] = projectIndex(work, block.project());
            blockType[b] = typeIndex(work, block.gpuType().value());
            String where = "blocks[" + b + "]";
            if (blockProject[b] < 0) {
                problems.add(Problem.of(where + ".project", block.project(), "is not a project of the plan"));
            }
            if (blockType[b] < 0) {
                problems.add(Problem.of(where + ".gpuType", block.gpuType(), "is not a GPU type of the lab"));
            }
            if (block.start().isBefore(start) || !block.start().isBefore(lab.cycleEnd())) {
                problems.add(outsideCycle(where + ".start", block.start(), lab));
            }
        }
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "sim.plan-timeline",
                    "Plan of cycle " + plan.cycle() + " cannot be replayed on lab " + lab.name() + ": "
                            + problems.get(0).path() + " " + problems.get(0).value() + " "
                            + problems.get(0).reason()
                            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "") + ".",
                    problems,
                    null);
        }
        steps.sort(java.util.Comparator.comparingDouble(Step::seconds));
        return new PlanTimeline(
                start, steps, events, plan.blocks(), blockProject, blockType, arriving, Math.max(1, periods.size()));
    }

    private static void addEvent(
            Lab lab, int e, LocalDate start, List<Step> steps, int[] arriving, List<Problem> problems) {
        CapacityEvent event = lab.capacityEvents().get(e);
        String where = "capacityEvents[" + e + "]";
        int pool = -1;
        for (int p = 0; p < lab.pools().size(); p++) {
            if (lab.pools().get(p).name().equals(event.pool())) {
                pool = p;
            }
        }
        if (pool < 0) {
            problems.add(Problem.of(where + ".pool", event.pool(), "is not a pool of the lab"));
            return;
        }
        if (event.from().isBefore(start) || !event.from().isBefore(lab.cycleEnd())) {
            problems.add(outsideCycle(where + ".from", event.from(), lab));
            return;
        }
        Pool of = lab.pools().get(pool);
        switch (event.kind()) {
            case ARRIVAL -> {
                arriving[pool] += event.gpus();
                steps.add(new Step(days(start, event.from()), null, pool, event.gpus(), e));
            }
            case RETIREMENT -> steps.add(new Step(days(start, event.from()), null, pool, -event.gpus(), e));
            case OUTAGE -> {
                steps.add(new Step(days(start, event.from()), null, pool, -event.gpus(), e));
                steps.add(new Step(days(start, event.until().orElseThrow()), null, pool, event.gpus(), e));
            }
        }
        if (event.gpus() % of.gpusPerNode() != 0) {
            problems.add(Problem.of(
                    where + ".gpus",
                    event.gpus(),
                    "is not a whole number of nodes of pool " + of.name() + " (" + of.gpusPerNode() + " GPUs each)"));
        }
    }

    private static Problem outsideCycle(String where, LocalDate day, Lab lab) {
        return Problem.of(
                        where,
                        day,
                        "lies outside cycle " + lab.cycle() + " (" + lab.cycleStart() + " to " + lab.cycleEnd()
                                + ", the trace's second 0 being its first day)")
                .withHint("Maybe move it into the cycle or drop it?");
    }

    private static void checkPeriods(Plan plan, LocalDate start, Workload work, List<Problem> problems) {
        List<PlanPeriod> periods = plan.periods();
        LocalDate expected = start;
        for (int k = 0; k < periods.size(); k++) {
            PlanPeriod period = periods.get(k);
            if (!period.from().equals(expected)) {
                problems.add(Problem.of(
                        "periods[" + k + "].from",
                        period.from(),
                        k == 0
                                ? "is not the cycle start " + start + ", which is second 0 of the trace"
                                : "does not follow the previous period, which ends on " + expected));
            }
            for (ProjectId project : period.grants().keySet()) {
                if (projectIndex(work, project) < 0) {
                    problems.add(Problem.of("periods[" + k + "].grants", project, "is not a project of the plan"));
                }
            }
            period.grants()
                    .values()
                    .forEach(grant -> grant.gpus().keySet().forEach(type -> {
                        if (typeIndex(work, type.value()) < 0) {
                            problems.add(Problem.of(
                                    "periods[" + period.from() + "].grants", type, "is not a GPU type of the lab"));
                        }
                    }));
            expected = period.until();
        }
    }

    private static int[][] grantsOf(PlanPeriod period, Workload work) {
        int[][] grants = new int[work.projects.size()][work.typeCount()];
        for (int p = 0; p < grants.length; p++) {
            for (int t = 0; t < work.typeCount(); t++) {
                grants[p][t] = period.grant(work.projects.get(p).project())
                        .gpus(work.types.get(t).id());
            }
        }
        return grants;
    }

    private static double days(LocalDate start, LocalDate day) {
        return ChronoUnit.DAYS.between(start, day) * DAY_SECONDS;
    }

    private static int projectIndex(Workload work, ProjectId project) {
        List<ProjectPlan> projects = work.projects;
        for (int p = 0; p < projects.size(); p++) {
            if (projects.get(p).project().equals(project)) {
                return p;
            }
        }
        return -1;
    }

    private static int typeIndex(Workload work, String type) {
        for (int t = 0; t < work.typeCount(); t++) {
            if (work.types.get(t).id().value().equals(type)) {
                return t;
            }
        }
        return -1;
    }

    /** Per project and type, the largest grant from each grant step on (index 0: from the start). */
    int[][][] largestGrantsFrom(int[][] firstGrants) {
        List<int[][]> grants = new ArrayList<>();
        grants.add(firstGrants);
        steps.stream().filter(step -> step.grants() != null).forEach(step -> grants.add(step.grants()));
        int[][][] largest = new int[grants.size()][][];
        for (int k = grants.size() - 1; k >= 0; k--) {
            int[][] here = grants.get(k);
            largest[k] = new int[here.length][];
            for (int p = 0; p < here.length; p++) {
                largest[k][p] = here[p].clone();
                if (k + 1 < grants.size()) {
                    for (int t = 0; t < here[p].length; t++) {
                        largest[k][p][t] = Math.max(largest[k][p][t], largest[k + 1][p][t]);
                    }
                }
            }
        }
        return largest;
    }

    /**
     * One line per period whose fleet in the plan differs from the lab's on its first day (the plan was drafted for
     * other capacity events): the replay follows the lab, and the period's grants may not fit.
     */
    static List<String> capacityWarnings(Lab lab, Plan plan) {
        List<String> warnings = new ArrayList<>();
        for (PlanPeriod period : plan.periods()) {
            Map<dev.allot.core.model.GpuTypeId, Integer> actual = lab.capacityGpusOn(period.from());
            period.capacityGpus().forEach((type, planned) -> {
                int gpus = actual.getOrDefault(type, 0);
                if (gpus != planned) {
                    warnings.add("Plan period " + period.from() + ".." + period.until() + " was drafted for " + planned
                            + " " + type + " GPUs, but the lab's pools and capacity events give " + gpus
                            + " then; the replay follows the lab.");
                }
            });
        }
        return warnings;
    }

    /** Event descriptions by index, for reports. */
    Map<Integer, String> eventNames() {
        Map<Integer, String> names = new TreeMap<>();
        for (int e = 0; e < events.size(); e++) {
            CapacityEvent event = events.get(e);
            names.put(e, event.kind().label() + " " + event.pool() + " " + event.describe());
        }
        return names;
    }
}
