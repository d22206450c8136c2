package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab file carries every policy field: a lab written and read back keeps each one. */
class PolicyFieldsSurviveTest {
    @Test
    void everyPolicyFieldSurvivesTheLabFile() throws ReflectiveOperationException {
        Lab demo = DemoLab.generate(7);
        Policy policy = Policy.defaults()
                .edit()
                .reserveFraction(0.08)
                .reserveGpus(Map.of(GpuTypeId.of("H100"), 8))
                .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.05, 0.5)))
                .relations(List.of(new ShareRelation(CategoryId.of("exploratory"), 1.5, CategoryId.of("product"))))
                .maxChangeFraction(0.25)
                .granularity(Granularity.GPU)
                .yieldNoticeDays(21)
                .plannerMayKill(true)
                .build();
        Lab lab = demo.withPolicy(policy);

        Policy read = LabYaml.read(LabYaml.write(lab), "lab.yaml").policy();

        for (RecordComponent field : Policy.class.getRecordComponents()) {
            assertThat(field.getAccessor().invoke(policy))
                    .as(field.getName() + " differs from the default, so losing it would show")
                    .isNotEqualTo(field.getAccessor().invoke(Policy.defaults()));
        }
        assertThat(read).isEqualTo(policy);
    }
}
