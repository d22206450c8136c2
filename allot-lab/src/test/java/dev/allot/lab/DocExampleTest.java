package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lab file documentation shows files that really load. */
class DocExampleTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theCompleteExampleLoads() throws IOException {
        Lab lab = LabYaml.read(yamlBlocks().get(0), "docs/lab-file.md");

        assertThat(lab.name()).isEqualTo("small-lab");
        assertThat(lab.capacityGpus().values()).containsExactly(128, 64);
        assertThat(lab.pools().get(0).nodeLabels())
                .containsExactly(java.util.Map.entry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"));
        assertThat(lab.pools().get(1).nodeLabels()).isEmpty();
        assertThat(lab.projects()).hasSize(4);
        assertThat(lab.asks()).hasSize(3);
        assertThat(lab.scores()).hasSize(4);
        assertThat(lab.policy().reserveFraction()).isEqualTo(0.05);
        assertThat(lab.pins())
                .singleElement()
                .satisfies(pin -> assertThat(pin.gpus()).isEqualTo(Allocation.of("H100", 32)));
        assertThat(lab.overrides()).extracting(DeciderOverride::action).containsExactly(DeciderOverride.Action.FUND);
        assertThat(lab.previousGrant(ProjectId.of("vision-rl"))).isEqualTo(Allocation.of("H100", 48));
    }

    @Test
    void everyOtherYamlSnippetIsAWholeLabOrAPolicyThatLoads() throws IOException {
        List<String> blocks = yamlBlocks();
        String base = blocks.get(0);
        for (String block : blocks.subList(1, blocks.size())) {
            String yaml = block.startsWith("policy:")
                    ? base.replaceFirst("(?s)policy:.*?\\nprojects:", Matcher.quoteReplacement(block) + "projects:")
                    : block.startsWith("pools:")
                            ? base.replaceFirst(
                                    "(?s)pools:.*?\\ncategories:", Matcher.quoteReplacement(block) + "categories:")
                            : block;

            assertThat(LabYaml.read(yaml, "docs/lab-file.md")).as(block).isNotNull();
        }
    }

    @Test
    void theCapacityEventsExampleCutsTheCycleAtItsEvents() throws IOException {
        String pools = yamlBlocks().stream()
                .filter(block -> block.startsWith("pools:"))
                .findFirst()
                .orElseThrow();
        Lab lab = LabYaml.read(
                yamlBlocks()
                        .get(0)
                        .replaceFirst("(?s)pools:.*?\\ncategories:", Matcher.quoteReplacement(pools) + "categories:"),
                "docs/lab-file.md");

        assertThat(lab.capacityEvents()).hasSize(3);
        assertThat(dev.allot.core.model.CapacityTimeline.periods(lab)).hasSize(8);
    }

    static List<String> yamlBlocks() throws IOException {
        String markdown = Files.readString(docs().resolve("lab-file.md"));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("yaml blocks in docs/lab-file.md").isNotEmpty();
        return blocks;
    }

    /** The repository's docs folder: Maven runs tests in the module folder, IDEs often at the root. */
    static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/lab-file.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/lab-file.md not found above " + Path.of("").toAbsolutePath());
    }
}
