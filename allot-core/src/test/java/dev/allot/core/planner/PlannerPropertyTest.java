package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties over seeded random labs: every plan passes the oracle, and tiny labs match brute force. */
class PlannerPropertyTest {
    private static final Planner EXACT =
            Planner.create(PlannerOptions.defaults().withRelativeGap(0));
    private static final Planner DEFAULT = Planner.create(PlannerOptions.defaults());

    static LongStream tinySeeds() {
        return LongStream.range(0, 200);
    }

    static LongStream shapedSeeds() {
        return LongStream.range(1000, 1100);
    }

    @ParameterizedTest
    @MethodSource("tinySeeds")
    void tinyLabsAreSolvedToTheBruteForceOptimum(long seed) {
        assertSolvedToTheBruteForceOptimum(RandomLabs.tiny(seed));
    }

    private static void assertSolvedToTheBruteForceOptimum(Lab lab) {
        double best = bruteForceBest(lab);
        if (best == Double.NEGATIVE_INFINITY) {
            assertThatThrownBy(() -> EXACT.plan(lab))
                    .isInstanceOfSatisfying(
                            AllotException.class, e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.INFEASIBLE));
            return;
        }
        Plan plan = EXACT.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(objective(lab, plan.grants())).isCloseTo(best, within(1e-6 + 1e-6 * Math.abs(best)));
    }

    /** Strict job shapes (a type granted 0 or at least the largest job) keep the model exact on tiny labs. */
    @ParameterizedTest
    @MethodSource("tinySeeds")
    void tinyLabsWithStrictJobShapesAreSolvedToTheBruteForceOptimum(long seed) {
        Lab lab = RandomLabs.withJobShapes(RandomLabs.tiny(seed), seed, dev.allot.core.model.JobShapes.STRICT);
        List<dev.allot.core.Problem> refused = GrantRules.check(lab);
        if (refused.isEmpty()) {
            assertSolvedToTheBruteForceOptimum(lab);
            return;
        }
        // an ask refused before planning (no whole-node grant in its range starts its largest job) is one every
        // grant of which breaks a rule of its own
        assertThatThrownBy(() -> EXACT.plan(lab))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT));
        for (dev.allot.core.Problem problem : refused) {
            Project project =
                    lab.projects().get(Integer.parseInt(problem.path().replaceAll("^projects\\[(\\d+)].*", "$1")));
            for (Allocation option : candidates(lab, lab.asksByProject().get(project.id()))) {
                if (option.totalGpus() > 0) {
                    assertThat(PlanInvariants.check(lab, Map.of(project.id(), option)))
                            .as(problem.reason() + ", yet " + option + " is allowed")
                            .anyMatch(violation -> violation.startsWith(project.id() + ":"));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void shapedLabsWithStrictJobShapesKeepEveryRule(long seed) {
        Lab lab = RandomLabs.withJobShapes(RandomLabs.shaped(seed, 40, 3), seed, dev.allot.core.model.JobShapes.STRICT);
        if (!GrantRules.check(lab).isEmpty()) {
            assertThatThrownBy(() -> DEFAULT.plan(lab)).isInstanceOf(AllotException.class);
            return;
        }
        try {
            assertThat(PlanInvariants.check(lab, DEFAULT.plan(lab))).isEmpty();
        } catch (AllotException e) {
            // continuing projects the planner may not drop can need a grant below their largest job
            assertThat(e.kind()).isEqualTo(AllotException.Kind.INFEASIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void shapedLabsGivePlansThatRespectEveryRule(long seed) {
        Lab lab = seed % 4 == 0 ? RandomLabs.shapedGpuGranularity(seed, 40, 3) : RandomLabs.shaped(seed, 40, 3);
        if (!GrantRules.shareMinimumsOfEmptyCategories(lab).isEmpty()) {
            // A share minimum no project can fill: only a plan granting nothing would meet it, so it is refused.
            assertThatThrownBy(() -> DEFAULT.plan(lab))
                    .isInstanceOfSatisfying(
                            AllotException.class,
                            e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT));
            return;
        }
        Plan plan = DEFAULT.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(plan.solve().gap()).isLessThanOrEqualTo(0.001 + 1e-9);
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(plan.solve().objective() - 1e-6);
    }

    @ParameterizedTest
    @MethodSource("tinySeeds")
    void tinyLabsWithUsageCapsAreSolvedToTheBruteForceOptimum(long seed) {
        assertSolvedToTheBruteForceOptimum(RandomLabs.withUsage(RandomLabs.tiny(seed), seed));
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void shapedLabsWithUsageCapsKeepEveryRuleAndNoFundedProjectBelowItsFloor(long seed) {
        if (seed % 4 != 1) {
            return;
        }
        Lab lab = RandomLabs.withUsage(RandomLabs.shaped(seed, 40, 3), seed);
        Plan plan = DEFAULT.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        Map<ProjectId, Ask> asks = lab.asksByProject();
        plan.projects().stream()
                .filter(line -> !line.grant().isEmpty() && asks.containsKey(line.project()))
                .forEach(line -> assertThat(line.grant().totalGpus())
                        .as(line.project().value())
                        .isGreaterThanOrEqualTo(asks.get(line.project()).floorGpus()));
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void theSameLabGivesTheSamePlan(long seed) {
        if (seed % 20 != 0) {
            return;
        }
        Lab lab = RandomLabs.shaped(seed, 150, 4);
        Map<ProjectId, Allocation> first = DEFAULT.plan(lab).grants();
        for (int run = 0; run < 3; run++) {
            assertThat(DEFAULT.plan(lab).grants()).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void theOrderOfProjectsDoesNotChangeThePlan(long seed) {
        if (seed % 10 != 0) {
            return;
        }
        Lab lab = RandomLabs.shaped(seed, 60, 3);
        List<Project> projects = new ArrayList<>(lab.projects());
        java.util.Collections.shuffle(projects, new java.util.Random(seed));
        Lab shuffled = lab.toBuilder().projects(projects).build();

        assertThat(DEFAULT.plan(shuffled).grants()).isEqualTo(DEFAULT.plan(lab).grants());
    }

    @ParameterizedTest
    @MethodSource("shapedSeeds")
    void theReportedObjectiveIsThePlansOwnValueAndTheGapAgreesWithTheBound(long seed) {
        if (seed % 5 != 0) {
            return;
        }
        Lab lab = RandomLabs.shaped(seed, 80, 3);
        Plan plan =
                Planner.create(PlannerOptions.defaults().withRelativeGap(0.01)).plan(lab);
        double value = objective(lab, plan.grants());
        assertThat(plan.solve().objective()).isCloseTo(value, within(1e-6 * Math.max(1, Math.abs(value))));
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(plan.solve().objective());
        assertThat(plan.solve().gap())
                .isCloseTo(
                        (plan.solve().bestBound() - plan.solve().objective())
                                / Math.max(1, Math.abs(plan.solve().objective())),
                        within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("largeSeeds")
    void largeLabsTakeTheDecomposedPathAndStillRespectEveryRule(long seed) {
        Lab lab = RandomLabs.shaped(seed, LpGuidedSolve.PROJECTS_THRESHOLD + 200, 4);
        Plan plan =
                Planner.create(PlannerOptions.defaults().withRelativeGap(0.005)).plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(plan.solve().gap()).isLessThanOrEqualTo(0.005 + 1e-9);
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(objective(lab, plan.grants()) - 1e-6);
        double value = objective(lab, plan.grants());
        assertThat(plan.solve().objective()).isCloseTo(value, within(1e-6 * Math.max(1, Math.abs(value))));
    }

    static LongStream largeSeeds() {
        return LongStream.of(7, 8);
    }

    /** The model's objective, recomputed independently from grants: value minus the stability tie-break. */
    static double objective(Lab lab, Map<ProjectId, Allocation> grants) {
        Map<ProjectId, Double> priorities = lab.priorities();
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
        lab.gpuTypes().forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        double total = 0;
        for (Ask ask : lab.asks()) {
            Allocation grant = grants.getOrDefault(ask.project(), Allocation.NONE);
            double best = speeds.entrySet().stream()
                    .filter(e -> ask.accepts(e.getKey()))
                    .mapToDouble(e -> e.getValue() * ask.speedFactor(e.getKey()))
                    .max()
                    .orElse(0);
            double effective = 0;
            for (Map.Entry<GpuTypeId, Integer> entry : grant.gpus().entrySet()) {
                effective += entry.getValue() * speeds.get(entry.getKey()) * ask.speedFactor(entry.getKey());
            }
            List<ValueSegment> curve = ValueModel.targetThenDiminishing().segments(ask, best);
            total += priorities.get(ask.project()) * Explainer.curveValue(curve, effective);
            total -= AllocationModel.STABILITY_PENALTY_PER_GPU
                    * Math.abs(
                            grant.totalGpus() - lab.previousGrant(ask.project()).totalGpus());
        }
        return total;
    }

    private static double bruteForceBest(Lab lab) {
        List<List<Allocation>> options = new ArrayList<>();
        for (Project project : lab.projects()) {
            options.add(candidates(lab, lab.asksByProject().get(project.id())));
        }
        double[] best = {Double.NEGATIVE_INFINITY};
        enumerate(lab, options, 0, new LinkedHashMap<>(), best);
        return best[0];
    }

    private static void enumerate(
            Lab lab, List<List<Allocation>> options, int index, Map<ProjectId, Allocation> chosen, double[] best) {
        if (index == options.size()) {
            if (PlanInvariants.check(lab, chosen).isEmpty()) {
                best[0] = Math.max(best[0], objective(lab, chosen));
            }
            return;
        }
        ProjectId id = lab.projects().get(index).id();
        for (Allocation option : options.get(index)) {
            chosen.put(id, option);
            enumerate(lab, options, index + 1, chosen, best);
        }
        chosen.remove(id);
    }

    /** Every grant of whole 8-GPU nodes of the types the project accepts, up to its ceiling. */
    private static List<Allocation> candidates(Lab lab, Ask ask) {
        List<Allocation> result = new ArrayList<>();
        List<GpuTypeId> types =
                lab.gpuTypes().stream().map(t -> t.id()).filter(ask::accepts).toList();
        int nodes = ask.ceilingGpus() / 8;
        int[] counts = new int[types.size()];
        while (true) {
            int total = 0;
            Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
            for (int i = 0; i < counts.length; i++) {
                total += counts[i];
                gpus.put(types.get(i), counts[i] * 8);
            }
            if (total <= nodes) {
                result.add(new Allocation(gpus));
            }
            int i = 0;
            while (i < counts.length && ++counts[i] > nodes) {
                counts[i++] = 0;
            }
            if (i == counts.length) {
                return result;
            }
        }
    }
}
