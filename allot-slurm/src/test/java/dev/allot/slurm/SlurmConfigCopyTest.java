package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.GpuTypeId;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmConfigCopyTest {
    private static final GpuTypeId H100 = GpuTypeId.of("H100");
    private static final SlurmConfig BASE = new SlurmConfig(
            "ci",
            "root",
            "cat-",
            "prj-",
            Map.of(H100, "h100"),
            true,
            Optional.of("borrow"),
            List.of("alice"),
            Map.of(H100, "gpu-h100"));

    @Test
    void everyWithCopyChangesItsOwnFieldsAndKeepsTheRest() {
        assertChangedOnly(BASE.withCluster("other"), "cluster");
        assertChangedOnly(BASE.withParentAccount("lab"), "parentAccount");
        assertChangedOnly(BASE.withPrefixes("c-", "p-"), "categoryAccountPrefix", "projectAccountPrefix");
        assertChangedOnly(BASE.withGpuTypeNames(Map.of(H100, "hopper")), "gpuTypeNames");
        assertChangedOnly(BASE.withOverallGpuCap(false), "overallGpuCap");
        assertChangedOnly(BASE.withBorrowQos(null), "borrowQos");
        assertChangedOnly(BASE.withExtraUsers(List.of("bob")), "extraUsers");
        assertChangedOnly(BASE.withNodeFeatures(Map.of()), "nodeFeatures");
    }

    @Test
    void aCopyIsCheckedLikeAnyConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BASE.withCluster("Not A Name"))
                .hasMessageContaining("cluster");
    }

    private static void assertChangedOnly(SlurmConfig copy, String... changed) {
        List<String> differing = new ArrayList<>();
        for (RecordComponent component : SlurmConfig.class.getRecordComponents()) {
            try {
                Object before = component.getAccessor().invoke(BASE);
                Object after = component.getAccessor().invoke(copy);
                if (!before.equals(after)) {
                    differing.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(differing).containsExactly(changed);
    }
}
