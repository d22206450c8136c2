package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyEditTest {
    @Test
    void anEditChangesOnlyTheFieldsItNames() {
        Policy base = TestPolicies.everyFieldChanged();

        Policy edited = base.edit().reserveFraction(0.1).build();

        assertThat(edited.reserveFraction()).isEqualTo(0.1);
        assertThat(edited.edit().reserveFraction(base.reserveFraction()).build())
                .isEqualTo(base);
    }

    @Test
    void withPlannerMayKillKeepsEveryOtherField() {
        Policy base = TestPolicies.everyFieldChanged();

        assertThat(base.withPlannerMayKill(false).withPlannerMayKill(true)).isEqualTo(base);
    }
}
