package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import org.junit.jupiter.api.Test;

/** The lab file reaches the rules in core: the same bad ask the API and the web form refuse, with the same code. */
class RulesReachTheLabFileTest {
    private static final String LAB = """
            name: rules
            cycle: 2027-01
            cycleStart: 2027-01-04
            gpuTypes:
              - {name: H100, speed: 1.0}
            pools:
              - {name: east-h100, cluster: east, gpuType: H100, gpus: 64, gpusPerNode: 8}
            categories:
              - {id: exploratory}
              - {id: product}
            projects:
              - id: %s
                category: exploratory
                ask: {floor: 24, target: 16, ceiling: 32}
            """;

    @Test
    void aFloorAboveTheTargetIsRefusedWithTheCoreRuleCode() {
        AllotException error =
                catchThrowableOfType(AllotException.class, () -> LabYaml.read(LAB.formatted("project-0"), "lab.yaml"));

        assertThat(error.problems())
                .extracting(Problem::code, Problem::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ask-floor-above-target", "projects[0].ask.floor"));
    }

    @Test
    void aProjectIdKubernetesWouldRefuseAsANamespaceIsRefused() {
        AllotException error = catchThrowableOfType(
                AllotException.class, () -> LabYaml.read(LAB.formatted("vision-" + "x".repeat(60)), "lab.yaml"));

        assertThat(error.problems()).extracting(Problem::code).contains("project-id-syntax");
    }
}
