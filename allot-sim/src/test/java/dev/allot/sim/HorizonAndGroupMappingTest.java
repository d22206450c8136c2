package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.sim.policy.SharingPolicies;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HorizonAndGroupMappingTest {
    @Test
    void unfinishedWorkAtTheHorizonIsReportedApartAndLaterArrivalsAreNotCountedAsUnfinished() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p", "product", "A100:8");
        var trace = TestTrace.trace()
                .job("p", 0, 4, 100)
                .job("p", 0, 4, 1000)
                .job("p", 10, 8, 100)
                .job("p", 600, 1, 10)
                .build();

        SimOutcome outcome = Simulator.create(
                        SimOptions.defaults().withHorizonSeconds(500).withGroupToProject(Map.of("p", "p")))
                .run(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName("strict"));

        ClusterOutcome cluster = outcome.cluster();
        assertThat(cluster.unfinished()).as("one running, one queued").isEqualTo(2);
        assertThat(cluster.unfinishedGpuHours() * 3600)
                .as("4 x 500 s left running, 8 x 100 s queued")
                .isCloseTo(2800, within(1e-6));
        assertThat(cluster.notArrived()).isEqualTo(1);
        assertThat(cluster.totals().completed()).isEqualTo(1);
        assertThat(cluster.totals().completionSeconds().count())
                .as("only finished jobs have a JCT")
                .isEqualTo(1);
        assertThat(cluster.totals().completionSeconds().max()).isEqualTo(100);
    }

    @Test
    void groupsNamedLikeAProjectGoToItAndTheRestArePairedByRankWithTheMappingReported() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 64, 8)
                .project("chat", "product", "A100:32")
                .project("vision", "exploratory", "A100:16")
                .project("speech", "exploratory", "A100:8");
        var trace = TestTrace.trace()
                .job("other", 0, 8, 100_000)
                .job("vision", 0, 1, 10)
                .job("chat", 0, 1, 100)
                .build();

        SimOutcome outcome = Simulator.create(SimOptions.defaults())
                .run(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName("lending"));

        assertThat(outcome.groupMapping())
                .containsExactly(
                        Map.entry("other", "speech (by rank of demand and grant)"),
                        Map.entry("vision", "vision (same name)"),
                        Map.entry("chat", "chat (same name)"));
        assertThat(outcome.projects())
                .filteredOn(p -> p.project().value().equals("chat"))
                .singleElement()
                .satisfies(p -> assertThat(p.totals().jobs()).isEqualTo(1));
    }

    @Test
    void theGpuMapTranslatesTheTypesOfACsvTraceAndUnknownTypesAreAllNamedAtOnce() {
        TestLab lab = TestLab.lab()
                .type("H100", 2.0)
                .type("A100", 1.0)
                .pool("H100", 8, 8)
                .pool("A100", 8, 8)
                .project("p", "product", "H100:8 A100:8");
        var trace = TestTrace.trace()
                .job("p", 0, 8, 3600, 0, "V100")
                .job("p", 0, 8, 3600, 0, "T4")
                .build();
        SimOptions identity = SimOptions.defaults().withGroupToProject(Map.of("p", "p"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Simulator.create(identity)
                        .run(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName("strict")))
                .isInstanceOfSatisfying(dev.allot.core.AllotException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("Trace test allows GPU types lab test-lab does not have: [T4, V100]. Maybe map"
                                    + " them with --gpu-map LABTYPE=TRACETYPE?");
                    assertThat(e.problems()).hasSize(2);
                });

        SimOutcome mapped = Simulator.create(identity.withLabTypeToTraceType(Map.of("H100", "V100", "A100", "T4")))
                .run(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName("strict"));

        assertThat(mapped.cluster().totals().completed()).isEqualTo(2);
        assertThat(mapped.cluster().utilisationByType()).containsEntry(dev.allot.core.model.GpuTypeId.of("A100"), 1.0);
        assertThat(mapped.gpuTypeMapping()).containsEntry("H100", "V100").containsEntry("A100", "T4");
    }
}
