package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterExportTest {
    private static final String GPU_PRODUCT = "nvidia.com/gpu.product";

    /** H100 in two clusters (east labelled as GPU feature discovery does), A100 in west only. */
    private static TestPlans twoClusters() {
        return TestPlans.lab()
                .gpuType("H100", 1.0)
                .gpuType("A100", 0.5)
                .pool("east-h100", "east", "H100", 64, Map.of(GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3"))
                .pool("west-h100", "west", "H100", 64, Map.of())
                .pool("west-a100", "west", "A100", 64, Map.of(GPU_PRODUCT, "NVIDIA-A100-SXM4-80GB"))
                .project("vision-rl", "exploratory", Allocation.NONE, Allocation.of("H100", 48))
                .project("llm-pretrain", "product", Allocation.NONE, Allocation.of("H100", 48))
                .project("agents", "exploratory", Allocation.NONE, TestPlans.alloc(8, 16));
    }

    private static KueueManifest compile(TestPlans plans, String cluster) {
        return KueueCompiler.compile(plans.build(), plans.plan(), KueueConfig.defaults(), TestPlans.YIELD_BY, cluster);
    }

    @Test
    void aLabWithTwoClustersIsExportedPerClusterNeverMerged() {
        TestPlans plans = twoClusters();
        assertThat(KueueCompiler.clusters(plans.build())).containsExactly("east", "west");
        assertThatThrownBy(() ->
                        KueueCompiler.compile(plans.build(), plans.plan(), KueueConfig.defaults(), TestPlans.YIELD_BY))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("Lab test-lab has pools in 2 clusters [east, west], and each runs its own"
                        + " Kueue. Maybe pass --cluster east");

        Map<String, Integer> east = QuotaTimelineTest.nominalQuotasOf(compile(plans, "east"), "h100");
        Map<String, Integer> westH100 = QuotaTimelineTest.nominalQuotasOf(compile(plans, "west"), "h100");
        assertThat(east).containsEntry("vision-rl", 48).containsEntry("llm-pretrain", 16);
        assertThat(westH100).containsEntry("llm-pretrain", 32).containsEntry("agents", 8);
        assertThat(sum(east)).isLessThanOrEqualTo(64);
        assertThat(sum(westH100)).isLessThanOrEqualTo(64);
        assertThat(sum(east) + sum(westH100)).isEqualTo(104);
        assertThat(QuotaTimelineTest.nominalQuotasOf(compile(plans, "west"), "a100"))
                .containsEntry("agents", 16);
        assertThat(compile(plans, "east").ofKind("ResourceFlavor"))
                .extracting(KueueObject::name)
                .containsExactly("h100");
        for (String cluster : List.of("east", "west")) {
            assertThat(CrdSchemas.bundled().validate(compile(plans, cluster).objects()))
                    .isEmpty();
        }
    }

    @Test
    void flavorsCarryTheNodeLabelsOfTheirPool() {
        TestPlans plans = twoClusters();
        assertThat(compile(plans, "east").ofKind("ResourceFlavor").get(0).spec())
                .isEqualTo(Map.of("nodeLabels", Map.of(GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3")));
        assertThat(compile(plans, "west").ofKind("ResourceFlavor"))
                .extracting(KueueObject::spec)
                .containsExactly(
                        Map.of("nodeLabels", Map.of(GPU_PRODUCT, "H100")),
                        Map.of("nodeLabels", Map.of(GPU_PRODUCT, "NVIDIA-A100-SXM4-80GB")));
    }

    private static int sum(Map<String, Integer> quotas) {
        return quotas.values().stream().mapToInt(Integer::intValue).sum();
    }
}
