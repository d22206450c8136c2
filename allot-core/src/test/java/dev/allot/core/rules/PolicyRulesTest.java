package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.allot.core.Problem;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ShareBound;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyRulesTest {
    @ParameterizedTest(name = "reserve {0}: {1}")
    @CsvSource({"0, ''", "0.05, ''", "0.999, ''", "1, reserve-out-of-range", "-0.1, reserve-out-of-range"})
    void theReserveLeavesSomethingToAllocate(double fraction, String code) {
        assertThat(PolicyRules.reserve(fraction))
                .extracting(Problem::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }

    @ParameterizedTest(name = "min {0} max {1}: {2}")
    @CsvSource({"0.05, 0.5, ''", "0.5, 0.5, ''", "0.6, 0.5, share-min-above-max"})
    void aShareMinimumIsAtMostItsMaximum(double min, double max, String code) {
        assertThat(PolicyRules.shareBound("safety", min, max))
                .extracting(Problem::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("minimums")
    void shareMinimumsAddUpToAtMostAllCapacity(String story, List<Double> minimums, boolean refused) {
        List<ShareBound> bounds = minimums.stream()
                .map(min -> new ShareBound(CategoryId.of("c" + min), min, 1.0))
                .toList();

        assertThat(PolicyRules.shareMinimums(bounds)).hasSize(refused ? 1 : 0);
    }

    static Stream<Arguments> minimums() {
        return Stream.of(
                arguments("no bounds", List.of(), false),
                arguments("exactly 100 %", List.of(0.3, 0.7), false),
                arguments("110 %", List.of(0.4, 0.7), true));
    }

    @org.junit.jupiter.api.Test
    void percentagesReadBackExactly() {
        assertThat(PolicyRules.percent(0.05)).isEqualTo("5%");
        assertThat(PolicyRules.percent(1.0 / 3)).isEqualTo(Double.toString(1.0 / 3));
    }

    @org.junit.jupiter.api.Test
    void everyProblemOfAUsageRuleIsReportedAtOnceByField() {
        assertThat(PolicyRules.usage(1.5, "capAtUsed", -0.1))
                .extracting(Problem::path, Problem::code, Problem::value, Problem::hint)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "idleBelow", "usage-setting-out-of-range", "150%", "Maybe 50%?"),
                        org.assertj.core.groups.Tuple.tuple(
                                "action", "usage-action-unknown", "capAtUsed", "Maybe warn or capAtUsedPlusHeadroom?"),
                        org.assertj.core.groups.Tuple.tuple(
                                "headroom", "usage-setting-out-of-range", "-10%", "Maybe 25%?"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "warn, ''",
        "capAtUsedPlusHeadroom, ''",
        "Warn, Maybe warn?",
        "capAtUsedPlusHeadrom, Maybe capAtUsedPlusHeadroom?"
    })
    void aUsageActionIsSpeltExactlyAndAMisspellingGetsTheNearestName(String action, String hint) {
        List<Problem> problems = PolicyRules.usage(0.5, action, 0.25);
        assertThat(problems)
                .extracting(Problem::hint)
                .containsExactlyElementsOf(hint.isEmpty() ? List.of() : List.of(hint));
    }

    @org.junit.jupiter.api.Test
    void aUsageRuleWithNothingGivenHasNoProblem() {
        assertThat(PolicyRules.usage(null, null, null)).isEmpty();
        assertThat(PolicyRules.usage(0.0, "warn", 10.0)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' reads as ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "exploratory >= product|exploratory >= product|''",
                " exploratory>=1.5*product |exploratory >= 1.5 * product|''",
                "safety >= 2 * product|safety >= 2 * product|''",
                "safety >= 5%|''|relation-syntax",
                "exploratory > product|''|relation-syntax",
                "Exploratory >= product|''|relation-syntax",
                "a >= 1e999 * b|''|relation-syntax"
            })
    void aRelationIsWrittenAsInTheLabFile(String text, String read, String code) {
        assertThat(dev.allot.core.model.ShareRelation.parse(text)
                        .map(Object::toString)
                        .orElse(""))
                .isEqualTo(read);
        assertThat(PolicyRules.relation(text))
                .extracting(Problem::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }

    @org.junit.jupiter.api.Test
    void aPolicyNamesOnlyWhatTheLabHas() {
        Fleet fleet = new Fleet(java.util.Map.of("H100", 64), java.util.Map.of("H100", 8));
        dev.allot.core.model.Policy policy = dev.allot.core.model.TestPolicies.everyFieldChanged()
                .edit()
                .reserveGpus(java.util.Map.of(
                        dev.allot.core.model.GpuTypeId.of("H100"), 72, dev.allot.core.model.GpuTypeId.of("A10"), 8))
                .value(new dev.allot.core.model.ValuePolicy(
                        dev.allot.core.model.ValuePolicy.ValueBasis.EVIDENCE,
                        720,
                        1e18,
                        java.util.Map.of(CategoryId.of("saftey"), 1.0),
                        java.util.Map.of(dev.allot.core.model.ProjectId.of("ghost"), 2.0)))
                .build();

        List<Problem> problems =
                PolicyReferences.check(policy, List.of("exploratory", "safety"), fleet, List.of("vision-rl"));

        assertThat(problems)
                .extracting(Problem::describe)
                .containsExactly(
                        "relations[0]: is not a category of the lab (value: product). Maybe one of exploratory,"
                                + " safety?",
                        "reserveGpus.A10: unknown GPU type (value: A10). Maybe one of H100?",
                        "reserveGpus.H100: reserves more GPUs than the lab has of H100 (64) (value: 72). Maybe at"
                                + " most 64?",
                        "value.worthPerCategory.saftey: is not a category of the lab (value: saftey). Maybe"
                                + " safety?",
                        "value.worthPerProject.ghost: is not a project of the lab (value: ghost). Maybe one of"
                                + " vision-rl?");
        assertThat(PolicyReferences.check(
                        policy.edit()
                                .reserveGpus(java.util.Map.of())
                                .relations(List.of())
                                .value(dev.allot.core.model.ValuePolicy.weights())
                                .build(),
                        List.of("exploratory", "safety"),
                        fleet,
                        List.of()))
                .isEmpty();
    }
}
