package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/** Policies for tests of every module (shared through allot-core's test jar). */
public final class TestPolicies {
    private TestPolicies() {}

    /**
     * A policy whose every field differs from {@link Policy#defaults()}, so an entry point that drops or resets a
     * field is caught. It names GPU type H100 and categories exploratory, product and safety.
     */
    public static Policy everyFieldChanged() {
        Policy policy = Policy.defaults()
                .edit()
                .reserveFraction(0.08)
                .reserveGpus(Map.of(GpuTypeId.of("H100"), 8))
                .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.05, 0.5)))
                .relations(List.of(new ShareRelation(CategoryId.of("exploratory"), 1.5, CategoryId.of("product"))))
                .maxChangeFraction(0.25)
                .granularity(Granularity.GPU)
                .yieldNoticeDays(21)
                .periodDays(14)
                .plannerMayKill(true)
                .approvals(3)
                .guard(new dev.allot.core.guard.GuardThresholds(0.2, 0.1, 0.15, 0.6, 0.3))
                .value(new ValuePolicy(
                        ValuePolicy.ValueBasis.EVIDENCE,
                        480,
                        2.0e18,
                        Map.of(CategoryId.of("exploratory"), 500.0),
                        Map.of()))
                .usage(new UsagePolicy(0.4, UsagePolicy.Action.CAP_AT_USED_PLUS_HEADROOM, 0.5))
                .noAsk(NoAsk.RELEASE)
                .commentsShared(true)
                .jobShapes(JobShapes.STRICT)
                .build();
        // A field added to Policy fails here until this fixture changes it too.
        for (RecordComponent field : Policy.class.getRecordComponents()) {
            assertThat(read(field, policy))
                    .as("TestPolicies.everyFieldChanged() must change " + field.getName())
                    .isNotEqualTo(read(field, Policy.defaults()));
        }
        return policy;
    }

    private static Object read(RecordComponent field, Policy policy) {
        try {
            return field.getAccessor().invoke(policy);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
