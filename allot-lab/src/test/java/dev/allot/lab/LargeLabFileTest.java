package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import org.junit.jupiter.api.Test;

/** Lab files beyond the YAML parser's own 3 MB default are read; a file over the configured maximum is named so. */
class LargeLabFileTest {
    private static final Lab LARGE = ScaledLab.generate(42, 16);
    private static final String YAML = LabYaml.write(LARGE);

    @Test
    void aLabOfThousandsOfProjectsBeyondThreeMegabytesIsRead() {
        assertThat(YAML.length()).isGreaterThan(3 * 1024 * 1024);

        Lab read = LabYaml.read(YAML, "large.yaml");

        assertThat(read.projects()).hasSameSizeAs(LARGE.projects());
    }

    @Test
    void aFileOverTheLimitSaysFileTooLargeAndHowToRaiseIt() {
        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.read(YAML, "large.yaml", 2));

        assertThat(error.code()).isEqualTo(LabYaml.INVALID);
        assertThat(error.problems())
                .extracting(Problem::describe)
                .singleElement()
                .asString()
                .matches("\\(file\\): file too large \\([0-9]+\\.[0-9] MB > limit 2 MB; set --max-file-mb\\)");
    }
}
