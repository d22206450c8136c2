package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.TestPolicies;
import org.junit.jupiter.api.Test;

/** The lab file carries every policy field: a lab written and read back keeps each one. */
class PolicyFieldsSurviveTest {
    @Test
    void everyPolicyFieldSurvivesTheLabFile() {
        Lab demo = DemoLab.generate(7);
        Policy policy = TestPolicies.everyFieldChanged();
        Lab lab = demo.withPolicy(policy);

        Policy read = LabYaml.read(LabYaml.write(lab), "lab.yaml").policy();

        assertThat(read).isEqualTo(policy);
    }
}
