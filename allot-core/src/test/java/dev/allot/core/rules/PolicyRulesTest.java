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
}
