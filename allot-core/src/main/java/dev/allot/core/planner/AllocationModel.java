package dev.allot.core.planner;

import static dev.allot.core.planner.LinearModel.term;

import dev.allot.core.model.Ask;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the allocation problem of docs/planner.md as a {@link LinearModel}, one method per constraint family and
 * objective term. Variables: {@code units[p][t]} (grant of type t to project p in granularity units),
 * {@code funded[p]} (all-or-nothing floor), {@code value[p][k]} (effective GPUs on value segment k) and
 * {@code change[p]} (absolute change versus the previous grant, for the stability tie-break).
 *
 * <p>A plan over time has these variables and rules once per period (rows of later periods are named with
 * {@code @k}), weighs each period's value by its share of the cycle, and links consecutive periods by
 * {@link #periodContinuity continuity}. The fields {@code units}, {@code funded} and {@code valueSegments} are those
 * of the first period; a lab without capacity events has only that one.
 */
final class AllocationModel {
    /** Continuous variables are solved in steps of 1/100 effective GPU by the integer engine. */
    static final double EFFECTIVE_GPU_RESOLUTION = 0.01;
    /** Value lost per GPU moved versus the previous plan: breaks ties towards stability, never outweighs value. */
    static final double STABILITY_PENALTY_PER_GPU = 0.001;

    final Fleet fleet;
    final List<PlannedProject> projects;
    final List<PlanningPeriod> periods;
    final LinearModel model = new LinearModel();
    final List<Map<GpuTypeId, Var>> units;
    final List<Var> funded;
    final List<List<Var>> valueSegments;
    /** Per project, its value curve as the value model gives it (explanations speak of this one). */
    final List<List<ValueSegment>> valueCurves = new ArrayList<>();
    /**
     * Per project, the curve its value segments follow in the model: {@link #valueCurves} or, with whole-node curves,
     * the {@link WholeNodeCurve} of it (the same at every reachable grant).
     */
    final List<List<ValueSegment>> curves = new ArrayList<>();
    /** Per period, the variables of every project; index 0 holds {@code units}, {@code funded}, {@code valueSegments}. */
    final List<List<Map<GpuTypeId, Var>>> unitsByPeriod = new ArrayList<>();

    final List<List<Var>> fundedByPeriod = new ArrayList<>();
    final List<List<List<Var>>> segmentsByPeriod = new ArrayList<>();
    /** Per project, its change versus the previous plan ({@code d_p}); null without the stability term. */
    final List<Var> cycleChanges = new ArrayList<>();
    /** Per period k >= 1, per project, its change at the period's start; null where the project has none. */
    final List<List<Var>> periodChanges = new ArrayList<>();
    /** Per block of the lab, its start variables ({@code b_bk}: the block starts with period k), by period. */
    final List<Map<Integer, Var>> blockStarts = new ArrayList<>();

    private final Lab lab;
    private final boolean wholeNodeCurves;

    /** The single-period model over the given fleet. */
    AllocationModel(Lab lab, Fleet fleet, List<PlannedProject> projects, ValueModel valueModel) {
        this(
                lab,
                List.of(new PlanningPeriod(
                        new dev.allot.core.model.CapacityTimeline.Period(
                                lab.cycleStart(), lab.cycleEnd(), lab.capacityGpus(), List.of()),
                        fleet,
                        1)),
                projects,
                valueModel);
    }

    /** The model over the given periods; with one period of weight 1, exactly the single-period model. */
    AllocationModel(Lab lab, List<PlanningPeriod> periods, List<PlannedProject> projects, ValueModel valueModel) {
        this(lab, periods.get(0).fleet(), periods, projects, valueModel, true);
    }

    /**
     * The model over the given periods, with the rules that refer to the cycle's start (continuity and usage caps
     * versus the previous plan, and the waiver of continuity while capacity is below the start's) measured against
     * {@code cycleStart}, the fleet of the cycle's first period. Without {@code stability} it has no stability term:
     * its optimum bounds the value of the given periods in any plan over time ({@link OverTimeSolve}).
     */
    AllocationModel(
            Lab lab,
            Fleet cycleStart,
            List<PlanningPeriod> periods,
            List<PlannedProject> projects,
            ValueModel valueModel,
            boolean stability) {
        this(lab, cycleStart, periods, projects, valueModel, stability, false);
    }

    /**
     * The planner's model: for a large one-period lab (the decomposed solve, {@link LpGuidedSolve}) with the value
     * segments following each project's {@link WholeNodeCurve} and continuity limits at reachable compute (same plans
     * and values, a tighter relaxation). Only for one period: the reachable points are those of that period's fleet.
     * Smaller labs keep the documented rows: SCIP on the demo lab took about a fifth more time with them.
     */
    static AllocationModel forSolve(
            Lab lab, List<PlanningPeriod> periods, List<PlannedProject> projects, ValueModel valueModel) {
        return new AllocationModel(
                lab,
                periods.get(0).fleet(),
                periods,
                projects,
                valueModel,
                true,
                periods.size() == 1 && projects.size() > LpGuidedSolve.PROJECTS_THRESHOLD);
    }

    /** The model with whole-node curves and continuity limits whatever its size (tests compare it with the plain). */
    static AllocationModel wholeNode(
            Lab lab, List<PlanningPeriod> periods, List<PlannedProject> projects, ValueModel valueModel) {
        return new AllocationModel(lab, periods.get(0).fleet(), periods, projects, valueModel, true, true);
    }

    private AllocationModel(
            Lab lab,
            Fleet cycleStart,
            List<PlanningPeriod> periods,
            List<PlannedProject> projects,
            ValueModel valueModel,
            boolean stability,
            boolean wholeNodeCurves) {
        this.lab = lab;
        this.wholeNodeCurves = wholeNodeCurves;
        this.periods = List.copyOf(periods);
        this.fleet = cycleStart;
        this.projects = projects;
        for (int k = 0; k < periods.size(); k++) {
            unitsByPeriod.add(new ArrayList<>());
            fundedByPeriod.add(new ArrayList<>());
            segmentsByPeriod.add(new ArrayList<>());
        }
        for (int p = 0; p < projects.size(); p++) {
            curves.add(List.of());
            valueCurves.add(List.of());
            for (int k = 0; k < periods.size(); k++) {
                addVariables(p, k, projects.get(p), valueModel);
            }
        }
        units = unitsByPeriod.get(0);
        funded = fundedByPeriod.get(0);
        valueSegments = segmentsByPeriod.get(0);
        lab.blocks().forEach(this::block);
        for (int k = 0; k < periods.size(); k++) {
            rulesOfPeriod(k);
        }
        for (int k = 0; k < periods.size(); k++) {
            periodChanges.add(new ArrayList<>());
        }
        for (int p = 0; p < projects.size(); p++) {
            for (int k = 0; k < periods.size(); k++) {
                value(p, k);
            }
            cycleChanges.add(stability ? stability(p) : null);
            for (int k = 1; k < periods.size(); k++) {
                periodChanges.get(k).add(stability ? periodStability(p, k) : null);
            }
        }
    }

    private void rulesOfPeriod(int k) {
        capacity(k);
        for (int p = 0; p < projects.size(); p++) {
            PlannedProject project = projects.get(p);
            if (project.pin().isPresent()) {
                pin(p, k);
                continue;
            }
            floorAllOrNothing(p, k);
            largestJob(p, k);
            ceiling(p, k);
            continuity(p, k);
            usageCap(p, k);
            if (k > 0) {
                periodContinuity(p, k);
            }
            override(p, k);
        }
        lab.policy().shareBounds().forEach(bound -> shareBound(bound, k));
        lab.policy().relations().forEach(relation -> relation(relation, k));
        if (k == periods.size() - 1) {
            lab.budgets().forEach(this::budget);
        }
    }

    /**
     * GPU-hour budget: the GPUs of the type granted in each period times its hours, summed over the projects the
     * budget covers (one project, or every project of a category), add up to at most the budget.
     */
    private void budget(dev.allot.core.model.Budget budget) {
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            if (budget.covers(projects.get(p).project())) {
                terms.addAll(budgetTerms(p, budget.gpuType()));
            }
        }
        if (terms.isEmpty()) {
            return;
        }
        boolean category = budget.owner() instanceof CategoryId;
        RuleFamily family = category ? RuleFamily.CATEGORY_BUDGET : RuleFamily.BUDGET;
        model.atMost(
                family.code + "[" + budget.owner().value() + "," + budget.gpuType() + "]",
                RuleGroup.of(family, budget.owner().value()),
                terms,
                budget.gpuHours());
    }

    /** Project p's GPU-hours of the type over the periods, one term per period it may hold the type in. */
    private List<Term> budgetTerms(int p, GpuTypeId type) {
        List<Term> terms = new ArrayList<>();
        for (int k = 0; k < periods.size(); k++) {
            Var var = unitsByPeriod.get(k).get(p).get(type);
            if (var != null) {
                terms.add(term(
                        var, periods.get(k).hours() * periods.get(k).fleet().unitGpus(type)));
            }
        }
        return terms;
    }

    Lab lab() {
        return lab;
    }

    /**
     * Reserved block, all or nothing: it starts with at most one period whose first day is on or after its earliest
     * start and from which its days end by its latest end ({@code Σ_k b_bk <= 1}); a placed block holds its GPUs in
     * every period its days overlap ({@link #capacity}) and is worth priority x effective GPUs x its share of the
     * cycle's days, as GPUs on the first segment of a value curve.
     */
    private void block(dev.allot.core.model.Block block) {
        Map<Integer, Var> starts = new LinkedHashMap<>();
        blockStarts.add(starts);
        int p = indexOf(block.project());
        if (p < 0 || !projects.get(p).plannable() || !fleet.types().contains(block.gpuType())) {
            return;
        }
        String id = name(p) + "," + block.gpuType() + "," + (blockStarts.size() - 1);
        double cycleDays =
                periods.stream().mapToLong(period -> period.days().days()).sum();
        for (int k = 0; k < periods.size(); k++) {
            java.time.LocalDate from = periods.get(k).days().from();
            if (!from.isBefore(block.earliestStart())
                    && !from.plusDays(block.days()).isAfter(block.latestEnd())) {
                Var start = model.bool("block[" + id + "]" + at(k));
                starts.put(k, start);
                model.maximise(
                        start,
                        projects.get(p).priority()
                                * block.gpus()
                                * fleet.speed(block.gpuType())
                                * block.days()
                                / cycleDays);
            }
        }
        if (!starts.isEmpty()) {
            model.atMost(
                    "block[" + id + "]",
                    RuleGroup.of(RuleFamily.BLOCK, name(p)),
                    starts.values().stream().map(var -> term(var, 1)).toList(),
                    1);
        }
    }

    /** Whether block {@code b}, started with period {@code start}, holds its GPUs in period k. */
    boolean blockHolds(int b, int start, int k) {
        java.time.LocalDate from = periods.get(start).days().from();
        java.time.LocalDate end = from.plusDays(lab.blocks().get(b).days());
        PlanningPeriod period = periods.get(k);
        return period.days().from().isBefore(end) && period.days().until().isAfter(from);
    }

    private int indexOf(dev.allot.core.model.ProjectId id) {
        for (int p = 0; p < projects.size(); p++) {
            if (projects.get(p).project().id().equals(id)) {
                return p;
            }
        }
        return -1;
    }

    private void addVariables(int p, int k, PlannedProject project, ValueModel valueModel) {
        String id = project.project().id().value() + at(k);
        Fleet fleet = periods.get(k).fleet();
        Map<GpuTypeId, Var> byType = new LinkedHashMap<>();
        for (GpuTypeId type : fleet.types()) {
            int unit = fleet.unitGpus(type);
            int limit;
            if (project.pin().isPresent()) {
                limit = project.pin().get().gpus().gpus(type) / unit;
            } else if (project.plannable() && project.effectiveSpeed().containsKey(type)) {
                limit = Math.min(project.ceilingGpus(), fleet.allocatableGpus(type)) / unit;
            } else {
                limit = 0;
            }
            if (limit > 0) {
                byType.put(type, model.integer("units[" + id + "," + type + "]", 0, limit));
            }
        }
        unitsByPeriod.get(k).add(byType);
        fundedByPeriod.get(k).add(model.bool("funded[" + id + "]"));
        if (project.ask().isPresent() && !byType.isEmpty() && curves.get(p).isEmpty()) {
            List<ValueSegment> curve =
                    checkedCurve(valueModel.segments(project.ask().get(), project.bestSpeed()), id);
            valueCurves.set(p, curve);
            curves.set(
                    p,
                    wholeNodeCurves && project.pin().isEmpty()
                            ? checkedCurve(wholeNodeCurve(curve, project, fleet, byType), id)
                            : curve);
        }
        List<ValueSegment> curve = byType.isEmpty() ? List.of() : curves.get(p);
        List<Var> segments = new ArrayList<>();
        for (int s = 0; s < curve.size(); s++) {
            segments.add(model.continuous(
                    "value[" + id + "," + s + "]", 0, curve.get(s).lengthEffectiveGpus(), EFFECTIVE_GPU_RESOLUTION));
        }
        segmentsByPeriod.get(k).add(segments);
    }

    private static List<ValueSegment> wholeNodeCurve(
            List<ValueSegment> curve, PlannedProject project, Fleet fleet, Map<GpuTypeId, Var> byType) {
        return WholeNodeCurve.of(
                curve,
                WholeNodeCurve.Units.of(
                        byType,
                        fleet,
                        type -> project.effectiveSpeed().getOrDefault(type, fleet.speed(type)),
                        project.ceilingGpus()));
    }

    /** Lab-speed effective compute (as continuity counts it) reachable by p's whole units nearest around a point. */
    private double[] reachable(int p, int k, double point) {
        Fleet fleet = periods.get(k).fleet();
        Map<GpuTypeId, Var> byType = unitsByPeriod.get(k).get(p);
        return byType.isEmpty()
                ? null
                : WholeNodeCurve.around(
                        WholeNodeCurve.Units.of(
                                byType, fleet, fleet::speed, projects.get(p).ceilingGpus()),
                        point);
    }

    /** Row and variable name suffix of period k: none for the first period. */
    private static String at(int k) {
        return k == 0 ? "" : "@" + k;
    }

    private static List<ValueSegment> checkedCurve(List<ValueSegment> curve, String project) {
        for (int k = 1; k < curve.size(); k++) {
            if (curve.get(k).valuePerEffectiveGpu() > curve.get(k - 1).valuePerEffectiveGpu()) {
                throw new IllegalStateException("value curve of " + project + " is not concave at segment " + k);
            }
        }
        return curve;
    }

    /** GPUs granted to project p, as terms over its unit variables. */
    List<Term> grantedGpus(int p, double factor) {
        return grantedGpus(p, 0, factor);
    }

    /** GPUs granted to project p in period k, as terms over its unit variables. */
    List<Term> grantedGpus(int p, int k, double factor) {
        Fleet fleet = periods.get(k).fleet();
        List<Term> terms = new ArrayList<>();
        unitsByPeriod.get(k).get(p).forEach((type, var) -> terms.add(term(var, factor * fleet.unitGpus(type))));
        return terms;
    }

    /** Capacity: per type, the GPUs granted to all projects fit in capacity minus reserve, in every period. */
    private void capacity(int k) {
        Fleet fleet = periods.get(k).fleet();
        for (GpuTypeId type : fleet.types()) {
            List<Term> terms = new ArrayList<>();
            for (Map<GpuTypeId, Var> byType : unitsByPeriod.get(k)) {
                Var var = byType.get(type);
                if (var != null) {
                    terms.add(term(var, fleet.unitGpus(type)));
                }
            }
            for (int b = 0; b < blockStarts.size(); b++) {
                if (lab.blocks().get(b).gpuType().equals(type)) {
                    int block = b;
                    blockStarts.get(b).forEach((start, var) -> {
                        if (blockHolds(block, start, k)) {
                            terms.add(term(var, lab.blocks().get(block).gpus()));
                        }
                    });
                }
            }
            model.atMost(
                    "capacity[" + type + "]" + at(k),
                    RuleGroup.of(RuleFamily.CAPACITY, type),
                    terms,
                    fleet.allocatableGpus(type));
            if (k == 0) {
                besideYields(type);
            }
        }
    }

    /**
     * Blocks on the cycle start: with a yield notice, every project still holds its previous grant on the cycle's
     * first day (yields complete at the notice, grows wait for them; {@code QuotaTimeline}), so the blocks starting
     * then must fit in the pool beside those GPUs, else enforcement would have to delay them.
     */
    private void besideYields(GpuTypeId type) {
        if (!previousHeldOnStart()) {
            return;
        }
        List<Term> terms = new ArrayList<>();
        for (int b = 0; b < blockStarts.size(); b++) {
            Var start = blockStarts.get(b).get(0);
            if (start != null && lab.blocks().get(b).gpuType().equals(type)) {
                terms.add(term(start, lab.blocks().get(b).gpus()));
            }
        }
        if (!terms.isEmpty()) {
            model.atMost(
                    "capacity-beside-yields[" + type + "]",
                    RuleGroup.of(RuleFamily.CAPACITY, type),
                    terms,
                    roomBesideYields(type));
        }
    }

    /**
     * Whether every project keeps its previous grant on the plan's first day: the policy gives a yield notice and the
     * plan starts on the cycle start.
     */
    boolean previousHeldOnStart() {
        return lab.policy().yieldNoticeDays() > 0
                && periods.get(0).days().from().equals(lab.cycleStart());
    }

    /** GPUs of the type that blocks starting on the plan's first day may use beside the previous grants held then. */
    int roomBesideYields(GpuTypeId type) {
        int held = projects.stream()
                .mapToInt(project -> project.previous().gpus(type))
                .sum();
        return Math.max(0, periods.get(0).fleet().capacityGpus(type) - held);
    }

    /** All-or-nothing floor: granted GPUs >= floor x funded. */
    private void floorAllOrNothing(int p, int k) {
        List<Term> terms = grantedGpus(p, k, 1);
        terms.add(term(fundedByPeriod.get(k).get(p), -projects.get(p).floorGpus()));
        model.atLeast("floor[" + name(p) + "]" + at(k), RuleGroup.of(RuleFamily.FLOOR, name(p)), terms, 0);
    }

    /**
     * Strict job shapes (policy {@code jobShapes: strict}): a grant of a type is 0 or at least the project's largest
     * job, as a floor per type ({@code GPUs of t >= largest x shaped[t]}, {@code units of t <= limit x shaped[t]}).
     * Under {@code warn} a smaller grant is a guard-rail warning instead.
     */
    private void largestJob(int p, int k) {
        int largest = projects.get(p).ask().map(Ask::largestJobGpus).orElse(0);
        if (largest == 0 || lab.policy().jobShapes() != JobShapes.STRICT) {
            return;
        }
        Fleet fleet = periods.get(k).fleet();
        unitsByPeriod.get(k).get(p).forEach((type, var) -> {
            int unit = fleet.unitGpus(type);
            if (largest <= unit) {
                return;
            }
            String id = name(p) + "," + type;
            Var shaped = model.bool("shaped[" + id + "]" + at(k));
            RuleGroup group = RuleGroup.of(RuleFamily.FLOOR, name(p));
            model.atLeast(
                    "largest-job[" + id + "]" + at(k), group, List.of(term(var, unit), term(shaped, -largest)), 0);
            model.atMost(
                    "largest-job-none[" + id + "]" + at(k),
                    group,
                    List.of(term(var, 1), term(shaped, -var.upper())),
                    0);
        });
    }

    /** Ceiling, and nothing at all unless funded: granted GPUs <= ceiling x funded. */
    private void ceiling(int p, int k) {
        List<Term> terms = grantedGpus(p, k, 1);
        terms.add(term(fundedByPeriod.get(k).get(p), -projects.get(p).ceilingGpus()));
        model.atMost("ceiling[" + name(p) + "]" + at(k), RuleGroup.of(RuleFamily.CEILING, name(p)), terms, 0);
    }

    /**
     * Continuity: a funded continuing project keeps its effective compute within the policy's max change of its
     * previous effective compute (growth of at least one node is always allowed, and never below its floor); a move
     * to a slower type counts as the shrink it is. Killing is exempt.
     */
    private void continuity(int p, int k) {
        PlannedProject project = projects.get(p);
        RuleGroup group = RuleGroup.of(RuleFamily.CONTINUITY, name(p));
        if (project.previous().isEmpty() || !project.plannable()) {
            return;
        }
        Continuity bounds = Continuity.of(lab.policy(), project, fleet);
        double minEffective = bounds.minEffective();
        double maxEffective = bounds.maxEffective();
        if (wholeNodeCurves) {
            // the same whole-unit grants, tighter for the relaxation: the nearest reachable compute inside the range
            double[] fromMin = reachable(p, k, minEffective - Continuity.TOLERANCE);
            double[] fromMax = reachable(p, k, maxEffective + Continuity.TOLERANCE);
            if (fromMin != null && fromMax != null && fromMin[1] <= fromMax[0]) {
                minEffective = fromMin[1];
                maxEffective = fromMax[0];
            }
        }
        Var fundedVar = fundedByPeriod.get(k).get(p);
        List<Term> grow = new ArrayList<>();
        addEffective(grow, p, k, 1);
        grow.add(term(fundedVar, -maxEffective));
        if (belowFirstPeriod(k)) {
            // less capacity of some type than at the cycle start: the period may take from anyone, as capacity forces
            model.atMost("continuity-grow[" + name(p) + "]" + at(k), group, grow, 0);
            return;
        }
        List<Term> shrink = new ArrayList<>();
        addEffective(shrink, p, k, 1);
        shrink.add(term(fundedVar, -minEffective));
        model.atLeast("continuity-shrink[" + name(p) + "]" + at(k), group, shrink, 0);
        model.atMost("continuity-grow[" + name(p) + "]" + at(k), group, grow, 0);
        if (!lab.policy().plannerMayKill() && project.override().isEmpty()) {
            model.equal("continuity-funded[" + name(p) + "]" + at(k), group, List.of(term(fundedVar, 1)), 1);
        }
    }

    private boolean belowFirstPeriod(int k) {
        Fleet now = periods.get(k).fleet();
        return fleet.types().stream().anyMatch(type -> now.allocatableGpus(type) < fleet.allocatableGpus(type));
    }

    /**
     * Continuity between periods k-1 and k, besides each period's continuity with the previous cycle (waived on the
     * shrink side while some type has fewer GPUs than at the cycle start): a project funded in both moves its total by
     * at most the policy's max change of its grant in period k-1 (growth of one node always allowed). At the start of a
     * period in which some type has fewer GPUs (a retirement or an outage), a project may also lose all it held of
     * those types, and a project that held a node of one may lose its grant, as the capacity forces; a project without
     * GPUs of a type that drops keeps its usual limits. Elsewhere a funded project stays funded unless the planner may
     * kill.
     */
    private void periodContinuity(int p, int k) {
        PlannedProject project = projects.get(p);
        if (!project.plannable() || unitsByPeriod.get(k).get(p).isEmpty()) {
            return;
        }
        RuleGroup group = RuleGroup.of(RuleFamily.CONTINUITY, name(p));
        double change = lab.policy().maxChangeFraction();
        int ceiling = project.ceilingGpus();
        int node = project.effectiveSpeed().keySet().stream()
                .mapToInt(periods.get(k).fleet()::unitGpus)
                .max()
                .orElse(fleet.maxUnitGpus());
        Var fundedBefore = fundedByPeriod.get(k - 1).get(p);
        Var fundedNow = fundedByPeriod.get(k).get(p);
        // G_k - (1 + change) G_{k-1} <= node, relaxed by the ceiling when the project was not funded in k-1
        List<Term> grow = grantedGpus(p, k, 1);
        grow.addAll(grantedGpus(p, k - 1, -(1 + change)));
        grow.add(term(fundedBefore, ceiling));
        model.atMost("continuity-step-grow[" + name(p) + "]" + at(k), group, grow, node + ceiling);
        // where some type has fewer GPUs than in k-1, the project may also lose all it held of those types (as the
        // capacity forces), but no more of the others: an outage of one type takes nothing from a project without it
        Fleet before = periods.get(k - 1).fleet();
        Fleet now = periods.get(k).fleet();
        List<Term> dropping = new ArrayList<>();
        List<Term> droppingNodes = new ArrayList<>();
        unitsByPeriod.get(k - 1).get(p).forEach((type, var) -> {
            if (now.allocatableGpus(type) < before.allocatableGpus(type)) {
                dropping.add(term(var, before.unitGpus(type)));
                droppingNodes.add(term(var, 1));
            }
        });
        // G_k - (1 - change) G_{k-1} + D_{k-1} >= 0, relaxed by the ceiling when the project is not funded in k
        List<Term> shrink = grantedGpus(p, k, 1);
        shrink.addAll(grantedGpus(p, k - 1, -(1 - change)));
        shrink.addAll(dropping);
        shrink.add(term(fundedNow, -ceiling));
        model.atLeast("continuity-step-shrink[" + name(p) + "]" + at(k), group, shrink, -ceiling);
        if (!lab.policy().plannerMayKill() && project.override().isEmpty()) {
            // funded in k if funded in k-1, unless it held a node of a type that drops
            List<Term> funded = new ArrayList<>(List.of(term(fundedNow, 1), term(fundedBefore, -1)));
            funded.addAll(droppingNodes);
            model.atLeast("continuity-step-funded[" + name(p) + "]" + at(k), group, funded, 0);
        }
    }

    /**
     * Usage: with the policy's {@code capAtUsedPlusHeadroom}, a continuing project that left its previous grant idle
     * gets at most its measured use plus headroom ({@link UsageCap}).
     */
    private void usageCap(int p, int k) {
        UsageCap.of(lab.policy(), lab.previousCycle(), projects.get(p), fleet)
                .ifPresent(cap -> model.atMost(
                        "usage-cap[" + name(p) + "]" + at(k),
                        RuleGroup.of(RuleFamily.USAGE, name(p)),
                        grantedGpus(p, k, 1),
                        cap.maxGpus()));
    }

    /** Pins: a pinned grant is held exactly. */
    private void pin(int p, int k) {
        RuleGroup group = RuleGroup.of(RuleFamily.PIN, name(p));
        unitsByPeriod
                .get(k)
                .get(p)
                .forEach((type, var) -> model.equal(
                        "pin[" + name(p) + "," + type + "]" + at(k), group, List.of(term(var, 1)), var.upper()));
        model.equal(
                "pin-funded[" + name(p) + "]" + at(k),
                group,
                List.of(term(fundedByPeriod.get(k).get(p), 1)),
                projects.get(p).pin().get().gpus().isEmpty() ? 0 : 1);
    }

    /** Deciders' overrides: kill holds the project at zero, fund makes it get at least its floor. */
    private void override(int p, int k) {
        Var fundedVar = fundedByPeriod.get(k).get(p);
        projects.get(p)
                .override()
                .ifPresent(override -> model.equal(
                        "override[" + name(p) + "]" + at(k),
                        RuleGroup.of(RuleFamily.OVERRIDE, name(p)),
                        List.of(term(fundedVar, 1)),
                        override.action() == DeciderOverride.Action.FUND ? 1 : 0));
        if (!projects.get(p).plannable()) {
            model.equal(
                    "not-plannable[" + name(p) + "]" + at(k),
                    RuleGroup.of(RuleFamily.NOT_PLANNABLE, name(p)),
                    List.of(term(fundedVar, 1)),
                    0);
        }
    }

    /** Category share bounds on granted effective compute (lab speeds): min x total <= category <= max x total. */
    private void shareBound(ShareBound bound, int k) {
        if (bound.minShare() > 0) {
            model.atLeast(
                    "share-min[" + bound.category() + "]" + at(k),
                    RuleGroup.of(RuleFamily.SHARE_MIN, bound.category()),
                    shareTerms(bound.category(), k, bound.minShare()),
                    0);
        }
        if (bound.maxShare() < 1) {
            model.atMost(
                    "share-max[" + bound.category() + "]" + at(k),
                    RuleGroup.of(RuleFamily.SHARE_MAX, bound.category()),
                    shareTerms(bound.category(), k, bound.maxShare()),
                    0);
        }
    }

    /** Relation {@code left >= factor x right} on granted effective compute. */
    private void relation(ShareRelation relation, int k) {
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            CategoryId category = projects.get(p).project().category();
            double coefficient = (category.equals(relation.left()) ? 1 : 0)
                    - (category.equals(relation.right()) ? relation.factor() : 0);
            addEffective(terms, p, k, coefficient);
        }
        model.atLeast("relation[" + relation + "]" + at(k), RuleGroup.of(RuleFamily.RELATION, relation), terms, 0);
    }

    /** Terms of {@code effective(category) - share x effective(all)} in period k. */
    private List<Term> shareTerms(CategoryId category, int k, double share) {
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            boolean member = projects.get(p).project().category().equals(category);
            addEffective(terms, p, k, (member ? 1 : 0) - share);
        }
        return terms;
    }

    private void addEffective(List<Term> terms, int p, int k, double coefficient) {
        if (coefficient == 0) {
            return;
        }
        Fleet fleet = periods.get(k).fleet();
        unitsByPeriod
                .get(k)
                .get(p)
                .forEach((type, var) -> terms.add(term(var, coefficient * fleet.speed(type) * fleet.unitGpus(type))));
    }

    /**
     * Objective, value term: priority x the concave value curve of the project's effective compute. The segment
     * variables may only fill up to the effective compute granted (concavity makes them fill in order).
     */
    private void value(int p, int k) {
        List<Var> segments = segmentsByPeriod.get(k).get(p);
        if (segments.isEmpty()) {
            return;
        }
        PlannedProject project = projects.get(p);
        Fleet fleet = periods.get(k).fleet();
        List<Term> terms = new ArrayList<>();
        segments.forEach(var -> terms.add(term(var, 1)));
        unitsByPeriod
                .get(k)
                .get(p)
                .forEach((type, var) -> terms.add(term(
                        var, -project.effectiveSpeed().getOrDefault(type, fleet.speed(type)) * fleet.unitGpus(type))));
        model.atMost("value[" + name(p) + "]" + at(k), RuleGroup.of(RuleFamily.VALUE, name(p)), terms, 0);
        double weight = periods.get(k).weight();
        for (int s = 0; s < segments.size(); s++) {
            model.maximise(
                    segments.get(s),
                    weight * project.priority() * curves.get(p).get(s).valuePerEffectiveGpu());
        }
    }

    /** Objective, stability term: a small cost per GPU of change versus the previous plan (ties go to stability). */
    private Var stability(int p) {
        int previous = projects.get(p).previous().totalGpus();
        if (units.get(p).isEmpty()) {
            // Nothing can be granted, so the change is the whole previous grant: a constant, kept in the objective
            // so that the reported objective is the value of the plan (docs/planner.md).
            if (previous == 0) {
                return null;
            }
            Var constant = model.integer("change[" + name(p) + "]", previous, previous);
            model.maximise(constant, -STABILITY_PENALTY_PER_GPU);
            return constant;
        }
        int mostGranted = units.get(p).entrySet().stream()
                .mapToInt(entry -> (int) entry.getValue().upper() * fleet.unitGpus(entry.getKey()))
                .sum();
        Var change = model.integer("change[" + name(p) + "]", 0, Math.max(previous, mostGranted));
        List<Term> above = grantedGpus(p, -1);
        above.add(term(change, 1));
        model.atLeast("change-up[" + name(p) + "]", RuleGroup.of(RuleFamily.STABILITY, name(p)), above, -previous);
        List<Term> below = grantedGpus(p, 1);
        below.add(term(change, 1));
        model.atLeast("change-down[" + name(p) + "]", RuleGroup.of(RuleFamily.STABILITY, name(p)), below, previous);
        model.maximise(change, -STABILITY_PENALTY_PER_GPU);
        return change;
    }

    /** Objective, stability between periods: the same small cost per GPU a project's total moves at a boundary. */
    private Var periodStability(int p, int k) {
        if (unitsByPeriod.get(k).get(p).isEmpty()
                && unitsByPeriod.get(k - 1).get(p).isEmpty()) {
            return null;
        }
        int most = projects.get(p).pin().map(pin -> pin.gpus().totalGpus()).orElse(0)
                + projects.get(p).ceilingGpus();
        // continuous: the cost drives it down to the change, which is whole already
        Var change = model.continuous("change[" + name(p) + "]" + at(k), 0, most, 1);
        RuleGroup group = RuleGroup.of(RuleFamily.STABILITY, name(p));
        List<Term> above = grantedGpus(p, k, -1);
        above.addAll(grantedGpus(p, k - 1, 1));
        above.add(term(change, 1));
        model.atLeast("change-up[" + name(p) + "]" + at(k), group, above, 0);
        List<Term> below = grantedGpus(p, k, 1);
        below.addAll(grantedGpus(p, k - 1, -1));
        below.add(term(change, 1));
        model.atLeast("change-down[" + name(p) + "]" + at(k), group, below, 0);
        model.maximise(change, -STABILITY_PENALTY_PER_GPU);
        return change;
    }

    private String name(int p) {
        return projects.get(p).project().id().value();
    }
}
