package dev.allot.kueue;

import static dev.allot.kueue.Tree.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class KueueYamlTest {
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    @Test
    void aLargePlanIsWrittenExactlyAsFabric8WritesIt() {
        TestPlans plans = TestPlans.random(11, 120);
        List<KueueObject> objects = KueueCompiler.compile(
                        plans.build(), plans.plan(), KueueConfig.defaults(), TestPlans.YIELD_BY.minusDays(1))
                .objects();
        StringBuilder fabric8 = new StringBuilder();
        objects.forEach(object -> fabric8.append(FABRIC8.asYaml(object.body())));
        assertThat(KueueYaml.render(objects)).isEqualTo(fabric8.toString());
    }

    @Test
    void stringsThatLookLikeOtherTypesStayStrings() {
        Map<String, Object> body = map(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                map(
                        "name",
                        "tricky",
                        "annotations",
                        map(
                                "allot.dev/yield-by",
                                "2026-12-15",
                                "switch",
                                "on",
                                "number",
                                "0123",
                                "quote",
                                "say \"hi\"\tnow\nplease",
                                "unicode",
                                "Zürich ✓",
                                "empty",
                                "")),
                "data",
                map("list", List.of("null", "true", List.of("nested")), "none", map(), "nothing", List.of()));
        KueueObject object = new KueueObject("v1", "ConfigMap", "", "tricky", body);

        String yaml = KueueYaml.render(List.of(object));

        assertThat(yaml)
                .contains("allot.dev/yield-by: \"2026-12-15\"")
                .contains("switch: \"on\"")
                .contains("none: {}")
                .contains("nothing: []");
        assertThat(FABRIC8.unmarshal(yaml, Map.class)).isEqualTo(body);
        List<Object> documents = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(documents::add);
        assertThat(documents).containsExactly(body);
    }
}
