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
}
