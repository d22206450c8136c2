package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The lab file's {@code evidence:} section: written and read back equal, every wrong value reported at once. */
class LabEvidenceTest {
    private static final Lab DEMO = DemoLab.generate(7);
    private static final ProjectId FIRST = DEMO.projects().get(0).id();
    private static final ProjectId SECOND = DEMO.projects().get(1).id();

    @Test
    void evidenceSurvivesWritingAndReadingWithUnitsErrorsAndFlopScaleCompute() {
        LabFile file = new LabFile(
                DEMO,
                List.of(
                        new LabEvidence(
                                FIRST,
                                "validation-loss",
                                "nats",
                                "lower",
                                "private",
                                "gpu-hours",
                                "runs of 2026-11, sweep \"b\"",
                                List.of(
                                        point(100, 3.1, 0.01, Double.NaN),
                                        point(200, 2.95, Double.NaN, Double.NaN),
                                        point(400, 2.8412345678901, 0, Double.NaN))),
                        new LabEvidence(
                                SECOND,
                                "mmlu",
                                "",
                                "higher",
                                "public",
                                "flop",
                                "",
                                List.of(point(1.44e21, 0.41, Double.NaN, 7e9), point(3.3e-5, 0.5, Double.NaN, 1)))));

        String written = LabYaml.write(file);
        LabFile read = LabYaml.readFile(written, "lab.yaml");

        assertThat(read).isEqualTo(file);
        assertThat(written).contains("evidence:\n  - project: " + FIRST.value(), "compute: 1.44e+21");
        assertThat(LabYaml.write(DEMO)).doesNotContain("evidence:");
        assertThat(LabYaml.read(written, "lab.yaml")).isEqualTo(DEMO);
    }

    @Test
    void aComputeWithAnUnsignedExponentReadsAsANumber() {
        String yaml = LabYaml.write(DEMO) + "evidence:\n  - {project: " + FIRST.value()
                + ", metric: loss, direction: lower, visibility: public, computeUnit: flop,"
                + " points: [{compute: 1.44e21, value: 2.5}]}\n";

        LabFile read = LabYaml.readFile(yaml, "lab.yaml");

        assertThat(read.evidence().get(0).points().get(0).compute()).isEqualTo(1.44e21);
        assertThat(read.evidence().get(0).unit()).isEmpty();
    }

    @Test
    void everyWrongEvidenceValueIsReportedAtOnceWithItsPath() {
        String yaml = LabYaml.write(DEMO) + """
                evidence:
                  - project: no-such-project
                    metric: loss
                    direction: lower
                    visibility: public
                    points:
                      - {compute: -5, value: 2.5}
                      - {compute: 100, value: abc, stderr: -0.1}
                  - project: %s
                    metric: accuracy
                    direction: higer
                    visibility: secret
                    computeUnit: parsecs
                    points: []
                  - project: %s
                    metric: accuracy
                    points:
                      - {compute: 100, value: 0.3, tokens: 0, flops: 7}
                """.formatted(FIRST.value(), FIRST.value());

        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.readFile(yaml, "lab.yaml"));

        assertThat(error.code()).isEqualTo(LabYaml.INVALID);
        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "evidence[0].project",
                        "evidence[0].points[0].compute",
                        "evidence[0].points[1].value",
                        "evidence[0].points[1].stderr",
                        "evidence[1].direction",
                        "evidence[1].visibility",
                        "evidence[1].computeUnit",
                        "evidence[1].points",
                        "evidence[2].direction",
                        "evidence[2].visibility",
                        "evidence[2].points[0].flops",
                        "evidence[2].points[0].tokens");
        assertThat(error.problems().get(4).describe())
                .isEqualTo("evidence[1].direction: is not one of lower, higher (value: higer). Maybe higher?");
    }

    @Test
    void theDocumentedExampleCarriesTwoSeriesThatSurviveWriting() throws java.io.IOException {
        LabFile example = LabYaml.readFile(DocExampleTest.yamlBlocks().get(0), "docs/lab-file.md");

        assertThat(example.evidence())
                .extracting(LabEvidence::metric)
                .containsExactly("validation-loss", "jailbreak-refusal");
        assertThat(example.evidence().get(1).computeUnit()).isEqualTo("gpu-hours");
        assertThat(LabYaml.readFile(LabYaml.write(example), "again")).isEqualTo(example);
    }

    private static LabEvidence.Point point(double compute, double value, double stderr, double parameters) {
        return new LabEvidence.Point(
                compute,
                value,
                Double.isNaN(stderr) ? OptionalDouble.empty() : OptionalDouble.of(stderr),
                Double.isNaN(parameters) ? OptionalDouble.empty() : OptionalDouble.of(parameters),
                OptionalDouble.empty());
    }
}
