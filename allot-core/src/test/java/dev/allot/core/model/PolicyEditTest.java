package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEditTest {
    /** A policy whose every field differs from the defaults, so an entry point that drops a field is caught. */
    static Policy everyFieldChanged() {
        return Policy.defaults()
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
    }

    @Test
    void anEditChangesOnlyTheFieldsItNames() {
        Policy base = everyFieldChanged();

        Policy edited = base.edit().reserveFraction(0.1).build();

        assertThat(edited.reserveFraction()).isEqualTo(0.1);
        assertThat(edited.edit().reserveFraction(base.reserveFraction()).build())
                .isEqualTo(base);
        assertThat(edited.plannerMayKill()).isTrue();
    }

    @Test
    void theTestPolicyDiffersFromTheDefaultsInEveryField() throws ReflectiveOperationException {
        Policy changed = everyFieldChanged();
        for (RecordComponent field : Policy.class.getRecordComponents()) {
            assertThat(field.getAccessor().invoke(changed))
                    .as(field.getName())
                    .isNotEqualTo(field.getAccessor().invoke(Policy.defaults()));
        }
    }
}
