package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import org.junit.jupiter.api.Test;

class LabYamlRoundTripTest {
    @Test
    void demoLabReadsBackEqualFromItsYaml() {
        Lab demo = DemoLab.generate(42);

        String yaml = LabYaml.write(demo);
        Lab read = LabYaml.read(yaml, "demo.yaml");

        assertThat(read).isEqualTo(demo);
        assertThat(LabYaml.write(read)).isEqualTo(yaml);
    }
}
