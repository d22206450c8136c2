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

    @Test
    void poolNodeLabelsReadBackEqual() throws java.io.IOException {
        Lab example = LabYaml.read(DocExampleTest.yamlBlocks().get(0), "docs/lab-file.md");
        assertThat(example.pools().get(0).nodeLabels()).isNotEmpty();

        String yaml = LabYaml.write(example);

        assertThat(yaml).contains("nodeLabels: {nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3}");
        assertThat(LabYaml.read(yaml, "written.yaml")).isEqualTo(example);
    }

    @Test
    void jobShapesAndTheirPolicyReadBackEqual() throws java.io.IOException {
        Lab example = LabYaml.read(DocExampleTest.yamlBlocks().get(0), "docs/lab-file.md");
        Lab strict = example.withPolicy(example.policy()
                .edit()
                .jobShapes(dev.allot.core.model.JobShapes.STRICT)
                .build());
        assertThat(example.asks().get(0).jobShape()).isPresent();

        String yaml = LabYaml.write(strict);

        assertThat(yaml).contains("jobShape: {largestJobGpus: 32, gpuTypes: [H100]}", "jobShapes: strict");
        assertThat(LabYaml.read(yaml, "written.yaml")).isEqualTo(strict);
    }
}
