package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The YAML examples in docs/kueue.md are valid Kueue objects and are what the compiler writes. */
class DocsExamplesTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @Test
    @SuppressWarnings("unchecked")
    void everyYamlExampleIsValidAndMatchesTheCompiler() throws IOException {
        List<KueueObject> examples = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(
                Files.readString(SharedData.repositoryRoot().resolve("docs").resolve("kueue.md")));
        while (block.find()) {
            Map<String, Object> body =
                    (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(block.group(1));
            Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
            examples.add(new KueueObject(
                    (String) body.get("apiVersion"),
                    (String) body.get("kind"),
                    (String) metadata.get("namespace"),
                    (String) metadata.get("name"),
                    body));
        }
        assertThat(examples)
                .extracting(KueueObject::id)
                .containsExactly("Cohort/allot-product", "ClusterQueue/llm-pretrain");
        assertThat(CrdSchemas.bundled().validate(examples)).isEmpty();

        TestPlans small = TestPlans.small();
        KueueManifest onTheDate =
                KueueCompiler.compile(small.build(), small.plan(), KueueConfig.defaults(), TestPlans.YIELD_BY);
        KueueManifest before = KueueCompiler.compile(
                small.build(), small.plan(), KueueConfig.defaults(), TestPlans.YIELD_BY.minusDays(1));
        assertThat(examples.get(0).body())
                .isEqualTo(find(onTheDate, examples.get(0).id()).body());
        assertThat(examples.get(1).body())
                .isEqualTo(find(before, examples.get(1).id()).body());
    }

    private static KueueObject find(KueueManifest manifest, String id) {
        return manifest.objects().stream()
                .filter(object -> object.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
