package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.allot.core.Problem;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Pool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FleetRulesTest {
    private static final Fleet FLEET = Fleet.of(
            List.of(new GpuType(GpuTypeId.of("H100"), 1.0), new GpuType(GpuTypeId.of("A100"), 0.5)),
            List.of(
                    new Pool("east-h100", "east", GpuTypeId.of("H100"), 64, 8),
                    new Pool("west-a100", "west", GpuTypeId.of("A100"), 32, 4)));

    @ParameterizedTest(name = "{0}")
    @MethodSource("pins")
    void aPinFitsTheFleet(String story, String type, int gpus, Granularity granularity, String code) {
        List<Problem> problems = FleetRules.pin("vision-rl", type, gpus, FLEET, granularity);

        assertThat(problems)
                .extracting(Problem::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }

    static Stream<Arguments> pins() {
        return Stream.of(
                arguments("whole nodes", "H100", 16, Granularity.NODE, ""),
                arguments("a zero pin holds the project at zero", "H100", 0, Granularity.NODE, ""),
                arguments("a type the lab lacks", "B200", 8, Granularity.NODE, "unknown-gpu-type"),
                arguments("more than the lab has", "H100", 72, Granularity.NODE, "pin-above-capacity"),
                arguments("part of a node", "H100", 12, Granularity.NODE, "pin-not-whole-nodes"),
                arguments("part of a node when single GPUs are granted", "H100", 12, Granularity.GPU, ""),
                arguments("a negative count", "A100", -4, Granularity.NODE, "gpu-count-out-of-range"));
    }

    @org.junit.jupiter.api.Test
    void aPinOnAnUnknownTypeNamesTheTypeAndTheKnownTypes() {
        Problem problem =
                FleetRules.pin("vision-rl", "B200", 8, FLEET, Granularity.NODE).get(0);

        assertThat(problem.value()).isEqualTo("B200");
        assertThat(problem.hint()).isEqualTo("Maybe one of H100, A100?");
    }

    @ParameterizedTest(name = "{0} GPUs in nodes of {1}: {2}")
    @CsvSource({"64, 8, ''", "0, 8, ''", "60, 8, pool-not-whole-nodes", "64, 0, pool-node-size"})
    void aPoolIsAWholeNumberOfNodes(int gpus, int perNode, String code) {
        assertThat(FleetRules.pool(gpus, perNode))
                .extracting(Problem::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }
}
