package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's {@code value}: the short form, the full mapping, and every problem of a wrong one at once. */
class ValuePolicyLabTest {
    private static final Lab DEMO = DemoLab.generate(7);

    @Test
    void theShortFormSwitchesToEvidenceWithDefaultSettings() {
        Lab read = LabYaml.read(withValue("evidence"), "lab.yaml");

        assertThat(read.policy().value()).isEqualTo(ValuePolicy.weights().withBasis(ValueBasis.EVIDENCE));
    }

    @Test
    void aWorthPerProjectSurvivesWritingAndReading() {
        ProjectId project = DEMO.projects().get(0).id();
        ValuePolicy value = new ValuePolicy(
                ValueBasis.EVIDENCE, 336, 1.0e18, Map.of(CategoryId.of("exploratory"), 250.0), Map.of(project, 800.0));
        Lab lab = DEMO.withPolicy(DEMO.policy().edit().value(value).build());

        Lab read = LabYaml.read(LabYaml.write(lab), "lab.yaml");

        assertThat(read.policy().value()).isEqualTo(value);
        assertThat(read.policy().value().worth(project, CategoryId.of("product")))
                .contains(800.0);
    }

    @Test
    void everyWrongValueSettingIsReportedAtOnce() {
        String file = withValue("{basis: evidense, cycleHours: -5, worthPerCategory: {exploratory: -1},"
                + " worthPerProject: {no-such-project: 10}}");

        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.read(file, "lab.yaml"));

        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "policy.value.basis",
                        "policy.value.cycleHours",
                        "policy.value.worthPerCategory.exploratory",
                        "policy.value.worthPerProject.no-such-project");
    }

    private static String withValue(String value) {
        String text = LabYaml.write(DEMO);
        assertThat(text).contains("  plannerMayKill: false\n");
        return text.replace("  plannerMayKill: false\n", "  plannerMayKill: false\n  value: " + value + "\n");
    }
}
