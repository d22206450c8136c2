package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.TestPolicies;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.model.ValuePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review screen's policy form edits the reserve and the share bounds and keeps every other field. */
class PolicyFormTest {
    private static final List<Category> CATEGORIES = List.of(
            new Category(CategoryId.of("exploratory"), "new ideas"), new Category(CategoryId.of("safety"), "safety"));

    @Test
    void everyPolicyFieldTheFormDoesNotShowSurvivesAnEdit() {
        Policy current = TestPolicies.everyFieldChanged();
        Map<String, String> form = Map.of("reserve", "10", "min.safety", "7", "max.safety", "40");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        assertThat(edited)
                .isEqualTo(current.edit()
                        .reserveFraction(0.10)
                        .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.07, 0.40)))
                        .build());
    }

    @Test
    void theUsageRuleIsEditableAndEveryBadFieldIsRefusedAtOnce() {
        Policy current = TestPolicies.everyFieldChanged();
        Map<String, String> form =
                Map.of("reserve", "8", "usage.idleBelow", "60", "usage.action", "warn", "usage.headroom", "10");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        assertThat(edited.usage()).isEqualTo(new UsagePolicy(0.6, UsagePolicy.Action.WARN, 0.1));
        assertThat(edited)
                .isEqualTo(current.edit()
                        .shareBounds(List.of())
                        .usage(edited.usage())
                        .build());
        Map<String, String> bad = Map.of("reserve", "8", "usage.idleBelow", "150", "usage.action", "cap");
        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, current))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::path)
                                .containsExactly("usage.idleBelow", "usage.action"));
    }

    @Test
    void theFormSetsTheNoAskRuleAndRefusesAnUnknownOneNamingTheField() {
        Policy current = Policy.defaults();
        Map<String, String> form = Map.of("reserve", "5", "noAsk", "floorOnly");
        Map<String, String> bad = Map.of("reserve", "5", "noAsk", "forget");

        assertThat(PolicyForm.read(form::get, CATEGORIES, current).noAsk())
                .isEqualTo(dev.allot.core.model.NoAsk.FLOOR_ONLY);
        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, current))
                .isInstanceOfSatisfying(dev.allot.core.AllotException.class, e -> {
                    assertThat(e.problems().get(0).path()).isEqualTo("noAsk");
                    assertThat(e.problems().get(0).value()).isEqualTo("forget");
                });
    }

    @Test
    void everyOtherTermIsEditableInTheForm() {
        Policy current = Policy.defaults();
        Map<String, String> form = new java.util.HashMap<>(Map.of("reserve", "5"));
        form.putAll(Map.of(
                "maxChange", "25",
                "granularity", "gpu",
                "yieldNoticeDays", "21",
                "plannerMayKill", "yes",
                "approvals", "3",
                "periodDays", "14",
                "value.basis", "evidence",
                "commentsShared", "yes",
                "jobShapes", "strict"));
        form.putAll(Map.of(
                "guard.maxKillFraction", "20",
                "guard.maxIdleFraction", "10",
                "guard.maxShareSwing", "15",
                "guard.maxComputeLoss", "60",
                "guard.maxReserveFraction", "30"));

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        assertThat(edited)
                .isEqualTo(current.edit()
                        .shareBounds(List.of())
                        .maxChangeFraction(0.25)
                        .granularity(dev.allot.core.model.Granularity.GPU)
                        .yieldNoticeDays(21)
                        .plannerMayKill(true)
                        .approvals(3)
                        .periodDays(14)
                        .value(current.value().withBasis(dev.allot.core.model.ValuePolicy.ValueBasis.EVIDENCE))
                        .commentsShared(true)
                        .jobShapes(dev.allot.core.model.JobShapes.STRICT)
                        .guard(new dev.allot.core.guard.GuardThresholds(0.2, 0.1, 0.15, 0.6, 0.3))
                        .build());
        Map<String, String> byDeciders = Map.of("reserve", "5", "approvals", "");
        assertThat(PolicyForm.read(byDeciders::get, CATEGORIES, edited).approvals())
                .isEqualTo(Policy.APPROVALS_BY_DECIDERS);
    }

    @Test
    void badTermsAreRefusedAtOnceByTheLabFilesRules() {
        Map<String, String> bad = Map.of(
                "reserve", "5",
                "approvals", "0",
                "periodDays", "0",
                "yieldNoticeDays", "-1",
                "guard.maxKillFraction", "140",
                "granularity", "rack",
                "jobShapes", "strictly");

        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, Policy.defaults()))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::path, Problem::reason)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("granularity", "is not one of [node, gpu]"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "jobShapes", "is not a job-shapes setting; one of [warn, strict]"),
                                        org.assertj.core.groups.Tuple.tuple("yieldNoticeDays", "must not be negative"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "approvals", "a publish needs at least one approval"),
                                        org.assertj.core.groups.Tuple.tuple("periodDays", "must be at least 1 day"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "guard.maxKillFraction", "must be from 0 to 100 %")));
    }

    @Test
    void thePolicyDiffNamesEveryChangedFieldAndNestedTerm() {
        Policy before = Policy.defaults();
        Policy after = before.edit()
                .reserveFraction(0.08)
                .commentsShared(true)
                .guard(new dev.allot.core.guard.GuardThresholds(0.2, 0.05, 0.10, 0.50, 0.25))
                .build();

        assertThat(PolicyDiff.lines(before, after))
                .containsExactly(
                        "reserveFraction: 5.0% → 8.0%",
                        "guard.maxKillFraction: 10.0% → 20.0%", "commentsShared: false → true");
        assertThat(PolicyDiff.lines(TestPolicies.everyFieldChanged(), Policy.defaults()))
                .hasSizeGreaterThanOrEqualTo(Policy.class.getRecordComponents().length);
    }

    @Test
    void relationsPerTypeReservesAndEvidenceValueSettingsAreEditable() {
        Policy current = Policy.defaults();
        Map<String, String> form = new java.util.HashMap<>(Map.of(
                "reserve", "5",
                "relations", "exploratory >= 1.5 * safety\n\n  safety >= exploratory ",
                "reserveGpus.H100", "16",
                "reserveGpus.A100", "",
                "value.cycleHours", "336",
                "value.flopPerGpuHour", "2e18",
                "value.worthPerCategory.exploratory", "500",
                "value.worthPerCategory.safety", "",
                "value.worthPerProject", "vision-rl: 40\nsafety-evals: 0"));
        form.put("value.basis", "evidence");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, List.of("H100", "A100"), current);

        assertThat(edited.relations())
                .extracting(Object::toString)
                .containsExactly("exploratory >= 1.5 * safety", "safety >= exploratory");
        assertThat(edited.reserveGpus()).isEqualTo(Map.of(GpuTypeId.of("H100"), 16));
        assertThat(edited.value())
                .isEqualTo(new ValuePolicy(
                        ValuePolicy.ValueBasis.EVIDENCE,
                        336,
                        2e18,
                        Map.of(CategoryId.of("exploratory"), 500.0),
                        Map.of(ProjectId.of("vision-rl"), 40.0, ProjectId.of("safety-evals"), 0.0)));
    }

    @Test
    void badDetailsAreRefusedAtOnceEachAtItsFormField() {
        Map<String, String> bad = Map.of(
                "reserve", "5",
                "relations", "exploratory >= product\nsafety >= 5%",
                "reserveGpus.H100", "-8",
                "value.cycleHours", "0",
                "value.worthPerCategory.safety", "-1",
                "value.worthPerProject", "vision-rl 40");

        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, List.of("H100"), Policy.defaults()))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.problems())
                            .extracting(Problem::path)
                            .containsExactly(
                                    "relations",
                                    "reserveGpus.H100",
                                    "value.cycleHours",
                                    "value.worthPerCategory.safety",
                                    "value.worthPerProject");
                    assertThat(e.problems().get(0).describe())
                            .isEqualTo("relations: is not a relation of the form 'a >= b' or 'a >= factor * b'"
                                    + " (value: safety >= 5%). Maybe put a minimum share under shares, e.g. safety:"
                                    + " {min: 5%}?");
                    assertThat(e.problems().get(0).code()).isEqualTo("relation-syntax");
                    PolicyFormState state = PolicyFormState.refused(e.problems(), bad::get);
                    assertThat(state.message("value.cycleHours"))
                            .isEqualTo("value.cycleHours: must be a number greater than 0. Maybe 720 for a 30-day"
                                    + " cycle?");
                    assertThat(state.value("reserveGpus.H100", "")).isEqualTo("-8");
                });
    }

    @Test
    void leavingTheDetailFieldsOutKeepsThem() {
        Policy current = TestPolicies.everyFieldChanged();
        Map<String, String> form = Map.of("reserve", "5");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, List.of("H100"), current);

        assertThat(edited.relations()).isEqualTo(current.relations());
        assertThat(edited.reserveGpus()).isEqualTo(current.reserveGpus());
        assertThat(edited.value()).isEqualTo(current.value());
    }
}
