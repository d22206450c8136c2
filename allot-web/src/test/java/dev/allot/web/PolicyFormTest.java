package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review screen's policy form edits the reserve and the share bounds and keeps every other field. */
class PolicyFormTest {
    private static final List<Category> CATEGORIES = List.of(
            new Category(CategoryId.of("exploratory"), "new ideas"), new Category(CategoryId.of("safety"), "safety"));

    @Test
    void everyPolicyFieldTheFormDoesNotShowSurvivesAnEdit() throws ReflectiveOperationException {
        Policy current = Policy.defaults()
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
        Map<String, String> form = Map.of("reserve", "10", "min.safety", "7", "max.safety", "40");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        for (RecordComponent field : Policy.class.getRecordComponents()) {
            assertThat(field.getAccessor().invoke(current))
                    .as(field.getName() + " differs from the default, so losing it would show")
                    .isNotEqualTo(field.getAccessor().invoke(Policy.defaults()));
        }
        assertThat(edited)
                .isEqualTo(current.edit()
                        .reserveFraction(0.10)
                        .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.07, 0.40)))
                        .build());
    }
}
