package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How trace GPU types map onto lab types and trace groups onto plan projects. */
class MappingTest {
    private static final Map<String, Double> TRACE_SPEEDS = Map.of("k80", 0.25, "p100", 0.6, "v100", 1.0);
    private static final TestLab THREE_TYPES = TestLab.lab()
            .type("H100", 2.0)
            .type("A100", 1.0)
            .type("T4", 0.3)
            .pool("H100", 8, 8)
            .pool("A100", 8, 8)
            .pool("T4", 8, 8)
            .project("p1", "exploratory", "H100:8");

    private static Trace measured() {
        TraceJob job = new TraceJob(
                0, "p1", "ResNet", 0, 1, 0, Double.NaN, Map.of("k80", 400.0, "p100", 150.0, "v100", 100.0), Set.of());
        return new Trace("t", List.of(job), TRACE_SPEEDS);
    }

    private static Workload compile(TestLab lab, Trace trace, SimOptions options) {
        return Workload.compile(lab.buildLab(), lab.buildPlan(), trace, options);
    }

    @Test
    void eachLabTypeRunsLikeTheTraceTypeOfNearestRelativeSpeedScaledByTheirRatio() {
        Workload work = compile(THREE_TYPES, measured(), SimOptions.defaults());

        assertThat(work.seconds(0, 0))
                .as("H100 (1.0 of fastest) like v100 (1.0)")
                .isEqualTo(100);
        assertThat(work.seconds(0, 1))
                .as("A100 (0.5) like p100 (0.6), x 0.6/0.5")
                .isCloseTo(180, within(1e-9));
        assertThat(work.seconds(0, 2))
                .as("T4 (0.15) like k80 (0.25), x 0.25/0.15")
                .isCloseTo(400 / 0.6, within(1e-9));
        assertThat(work.gpuTypeMapping()).containsEntry("H100", "v100").containsEntry("A100", "p100 x1.20 time");
    }

    @Test
    void anExplicitOrSameNamedTypeTakesTheTraceSecondsUnchanged() {
        Workload explicit =
                compile(THREE_TYPES, measured(), SimOptions.defaults().withLabTypeToTraceType(Map.of("A100", "k80")));
        assertThat(explicit.seconds(0, 1)).isEqualTo(400);

        TestLab named = TestLab.lab()
                .type("v100", 1.0)
                .type("k80", 0.9)
                .pool("v100", 8, 8)
                .pool("k80", 8, 8)
                .project("p1", "exploratory", "v100:8");
        Workload sameName = compile(named, measured(), SimOptions.defaults());
        assertThat(sameName.seconds(0, 1))
                .as("k80 by name, although its lab speed is close to v100's")
                .isEqualTo(400);

        assertThatThrownBy(() -> compile(
                        THREE_TYPES, measured(), SimOptions.defaults().withLabTypeToTraceType(Map.of("A100", "a100"))))
                .hasMessage("GPU type map sends A100 to trace type 'a100', which the trace does not have. Maybe one of"
                        + " [k80, p100, v100]?");
    }

    @Test
    void withMoreGroupsThanFundedProjectsGroupsArePairedByDemandRankAndWrapAround() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 64, 8)
                .project("small", "product", "A100:8")
                .project("unfunded", "product", "")
                .project("big", "exploratory", "A100:32");
        Trace trace = TestTrace.trace()
                .job("g-heavy", 0, 8, 1000)
                .job("g-light", 0, 1, 10)
                .job("g-middle", 0, 4, 100)
                .build();

        Workload work = compile(lab, trace, SimOptions.defaults());

        int heavy = indexOfJob(work, 0);
        int light = indexOfJob(work, 1);
        int middle = indexOfJob(work, 2);
        assertThat(work.projects.get(work.project[heavy]).project().value()).isEqualTo("big");
        assertThat(work.projects.get(work.project[middle]).project().value()).isEqualTo("small");
        assertThat(work.projects.get(work.project[light]).project().value()).isEqualTo("big");
    }

    @Test
    void withMoreFundedProjectsThanGroupsAGroupsJobsAreDealtToItsProjectsBySeed() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 64, 8)
                .project("a", "product", "A100:8")
                .project("b", "product", "A100:8")
                .project("c", "exploratory", "A100:8");
        TestTrace builder = TestTrace.trace();
        for (int i = 0; i < 300; i++) {
            builder.job("team", i, 1, 10);
        }
        Trace trace = builder.build();

        int[] first = compile(lab, trace, SimOptions.defaults().withSeed(5)).project;
        int[] again = compile(lab, trace, SimOptions.defaults().withSeed(5)).project;
        int[] other = compile(lab, trace, SimOptions.defaults().withSeed(6)).project;

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        List<Integer> used = new ArrayList<>();
        for (int project : first) {
            if (!used.contains(project)) {
                used.add(project);
            }
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aRunStoppedAtTheHorizonCountsTheWorkDoneSoFarAndTheJobAsUnfinished() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p1", "exploratory", "A100:8");
        Trace trace = TestTrace.trace().job("p1", 0, 4, 100).build();

        SimOutcome outcome = Simulator.create(
                        SimOptions.defaults().withHorizonSeconds(40).withGroupToProject(Map.of("p1", "p1")))
                .run(lab.buildLab(), lab.buildPlan(), trace, dev.allot.sim.policy.SharingPolicies.byName("strict"));

        assertThat(outcome.cluster().unfinished()).isEqualTo(1);
        assertThat(outcome.cluster().makespanSeconds()).isEqualTo(40);
        assertThat(outcome.cluster().totals().gpuHours() * 3600).isCloseTo(160, within(1e-9));
        assertThat(outcome.cluster().utilisation()).isCloseTo(0.5, within(1e-9));
    }

    private static int indexOfJob(Workload work, long id) {
        for (int j = 0; j < work.jobCount; j++) {
            if (work.jobId[j] == id) {
                return j;
            }
        }
        throw new AssertionError("no job " + id);
    }
}
