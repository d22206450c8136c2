package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.AllotException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged lab files, made from the documented example by seeded random edits, either load or fail with the lab
 * file error and its list of problems: never with another exception.
 */
class LabYamlRobustnessTest {
    private static final List<String> REPLACEMENTS = List.of(
            "-1",
            "0",
            "1.5",
            "x",
            "[]",
            "{}",
            "",
            "'",
            ":",
            "%",
            "H100",
            "exploratory",
            "vision-rl",
            "2027-13-01",
            "999999999999",
            "null",
            "yes");

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damagedFilesFailOnlyWithTheLabFileError(long seed) throws IOException {
        String damaged = damage(DocExampleTest.yamlBlocks().get(0), new SplittableRandom(seed));

        try {
            assertThat(LabYaml.read(damaged, "damaged.yaml")).isNotNull();
        } catch (AllotException error) {
            assertThat(error.code()).isEqualTo(LabYaml.INVALID);
            assertThat(error.problems())
                    .isNotEmpty()
                    .allSatisfy(problem -> assertThat(problem.reason()).isNotBlank());
        }
    }

    /** Replaces a few values, drops or duplicates a few lines. */
    private static String damage(String yaml, SplittableRandom random) {
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n")));
        int edits = 1 + random.nextInt(4);
        for (int edit = 0; edit < edits; edit++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(3)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                default -> {
                    int colon = line.lastIndexOf(": ");
                    String value = REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()));
                    lines.set(at, colon < 0 ? value : line.substring(0, colon + 2) + value);
                }
            }
            if (lines.isEmpty()) {
                break;
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
