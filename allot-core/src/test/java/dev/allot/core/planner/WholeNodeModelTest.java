package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Ask;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's model with whole-node value curves and continuity bounds ({@link AllocationModel#forSolve}) has the
 * same plans and optimum as the model of docs/planner.md, and a relaxation no looser.
 */
class WholeNodeModelTest {
    private static final double[] SPEEDS = {1.4, 1.0, 0.45, 0.3};

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    static LongStream labSeeds() {
        return LongStream.range(2000, 2012);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theCurveKeepsEveryReachableValueAndStaysConcaveAndBelow(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int types = 1 + random.nextInt(3);
        double[] steps = new double[types];
        int[] units = new int[types];
        int[] most = new int[types];
        for (int t = 0; t < types; t++) {
            units[t] = random.nextBoolean() ? 8 : 4;
            steps[t] = SPEEDS[random.nextInt(SPEEDS.length)] * (random.nextInt(4) == 0 ? 1.15 : 1) * units[t];
            most[t] = 1 + random.nextInt(12);
        }
        int target = 8 * (1 + random.nextInt(10));
        int ceiling = target + 8 * random.nextInt(8) + 4 * random.nextInt(2);
        Ask ask = new Ask(ProjectId.of("p"), Math.min(8, target), target, ceiling, new TreeSet<>(), Map.of(), "");
        List<ValueSegment> curve = ValueModel.targetThenDiminishing().segments(ask, 1.4);

        List<ValueSegment> tight = WholeNodeCurve.of(curve, new WholeNodeCurve.Units(steps, units, most, ceiling));

        for (int s = 1; s < tight.size(); s++) {
            assertThat(tight.get(s).valuePerEffectiveGpu())
                    .isLessThanOrEqualTo(tight.get(s - 1).valuePerEffectiveGpu());
        }
        for (double point : reachable(steps, units, most, ceiling)) {
            assertThat(Explainer.curveValue(tight, point))
                    .as("value at reachable %s", point)
                    .isCloseTo(Explainer.curveValue(curve, point), within(1e-9));
        }
        double end =
                curve.stream().mapToDouble(ValueSegment::lengthEffectiveGpus).sum();
        for (double point = 0; point <= end + 10; point += 0.37) {
            assertThat(Explainer.curveValue(tight, point))
                    .isLessThanOrEqualTo(Explainer.curveValue(curve, point) + 1e-9);
        }
    }

    @ParameterizedTest
    @MethodSource("labSeeds")
    void theModelHasTheSameOptimumAndANoLooserRelaxation(long seed) {
        Lab lab = RandomLabs.shaped(seed, 30, 3);
        if (!GrantRules.check(lab).isEmpty()
                || !GrantRules.shareMinimumsOfEmptyCategories(lab).isEmpty()) {
            return;
        }
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        List<PlannedProject> projects = Planner.gather(lab, periods.get(0).fleet());
        AllocationModel plain = new AllocationModel(lab, periods, projects, ValueModel.targetThenDiminishing());
        AllocationModel whole = AllocationModel.wholeNode(lab, periods, projects, ValueModel.targetThenDiminishing());
        PlannerOptions exact = PlannerOptions.defaults().withRelativeGap(0);

        SolverOutcome plainMip = MipEngine.solve("SCIP", plain.model, row -> true, true, exact);
        SolverOutcome wholeMip = MipEngine.solve("SCIP", whole.model, row -> true, true, exact);
        SolverOutcome plainLp = MipEngine.solve("GLOP", plain.model, row -> true, true, exact, Map.of(), true, null);
        SolverOutcome wholeLp = MipEngine.solve("GLOP", whole.model, row -> true, true, exact, Map.of(), true, null);

        assertThat(wholeMip.status()).isEqualTo(plainMip.status());
        if (plainMip.status() != SolverOutcome.Status.OPTIMAL) {
            return;
        }
        assertThat(wholeMip.objective()).isCloseTo(plainMip.objective(), within(1e-6 * Math.abs(plainMip.objective())));
        assertThat(wholeLp.objective()).isLessThanOrEqualTo(plainLp.objective() + 1e-6);
        assertThat(wholeLp.objective()).isGreaterThanOrEqualTo(wholeMip.objective() - 1e-6);
    }

    /** Every sum of whole units within the ceiling, by brute force. */
    private static Set<Double> reachable(double[] steps, int[] units, int[] most, int ceiling) {
        Set<Double> points = new TreeSet<>();
        List<int[]> counts = new ArrayList<>();
        counts.add(new int[steps.length]);
        for (int t = 0; t < steps.length; t++) {
            List<int[]> next = new ArrayList<>();
            for (int[] count : counts) {
                for (int n = 0; n <= most[t]; n++) {
                    int[] more = count.clone();
                    more[t] = n;
                    next.add(more);
                }
            }
            counts = next;
        }
        for (int[] count : counts) {
            int gpus = 0;
            double effective = 0;
            for (int t = 0; t < steps.length; t++) {
                gpus += count[t] * units[t];
                effective += count[t] * steps[t];
            }
            if (gpus <= ceiling) {
                points.add(effective);
            }
        }
        return points;
    }
}
