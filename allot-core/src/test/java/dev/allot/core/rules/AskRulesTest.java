package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.allot.core.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AskRulesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void floorTargetCeilingOrder(String story, int floor, int target, int ceiling, List<String> codes) {
        List<Problem> problems = AskRules.order("vision-rl", floor, target, ceiling);

        assertThat(problems).extracting(Problem::code).containsExactlyElementsOf(codes);
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                arguments("an ordered ask is fine", 8, 16, 32, List.of()),
                arguments("equal bounds are fine", 16, 16, 16, List.of()),
                arguments("a floor above the target", 24, 16, 32, List.of("ask-floor-above-target")),
                arguments("a target above the ceiling", 8, 48, 32, List.of("ask-target-above-ceiling")),
                arguments("a floor above the ceiling is one swap", 64, 48, 32, List.of("ask-floor-above-ceiling")));
    }

    @ParameterizedTest(name = "{0} GPUs")
    @MethodSource("counts")
    void gpuCountWithinTheOneLimit(long gpus, List<String> codes) {
        assertThat(AskRules.gpuCount("floor", gpus)).extracting(Problem::code).containsExactlyElementsOf(codes);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                arguments(0, List.of()),
                arguments(Limits.MAX_GPUS, List.of()),
                arguments(Limits.MAX_GPUS + 1L, List.of("gpu-count-out-of-range")),
                arguments(-8, List.of("gpu-count-out-of-range")));
    }

    @org.junit.jupiter.api.Test
    void theMessageNamesTheProjectTheValuesAndAFix() {
        Problem problem = AskRules.order("vision-rl", 24, 16, 32).get(0);

        assertThat(problem.describe())
                .isEqualTo("floor: Ask floor (24 GPUs) of project vision-rl exceeds its target (16) (value: 24)."
                        + " Maybe lower the floor to 16?");
    }
}
