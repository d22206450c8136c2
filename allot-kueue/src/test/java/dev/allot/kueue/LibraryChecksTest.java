package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Inputs the hand-written JSON reader, schema walker and Java copy of the CEL rules got wrong. */
class LibraryChecksTest {
    @TempDir
    Path folder;

    @Test
    void aBundledCrdThatIsNotStrictJsonIsAPackagingErrorNotReadLoosely() {
        // the old reader took the leading zero and the plus sign as numbers
        for (String broken : List.of("{\"a\": 01}", "{\"a\": +5}", "{\"a\": 1,}")) {
            assertThatThrownBy(() -> CrdSchemas.parseJson(broken.getBytes(StandardCharsets.UTF_8), "x.json"))
                    .isInstanceOf(AllotException.class)
                    .hasMessageStartingWith("CRD x.json in the Allot jar is not valid JSON");
        }
    }

    @Test
    void aSchemaKeywordTheOldWalkerIgnoredIsChecked() throws IOException {
        // multipleOf (whole nodes of 8 GPUs) was not among the keywords the hand-written walker knew
        CrdSchemas schemas = withClusterQueueSpec(spec -> quotaSchema(spec).put("multipleOf", 8));
        List<String> problems = describe(schemas, clusterQueue(12));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("ClusterQueue/vision-rl: spec.resourceGroups[0].flavors[0].resources[0].nominalQuota:")
                .contains("multiple of 8");
        assertThat(describe(schemas, clusterQueue(16))).isEmpty();
    }

    @Test
    void aCelRuleTheJavaCopyDidNotKnowIsEvaluatedAsWritten() throws IOException {
        CrdSchemas schemas = withClusterQueueSpec(spec -> rules(spec)
                .add(Map.of(
                        "rule", "self.stopPolicy != 'HoldAndDrain' || self.queueingStrategy == 'StrictFIFO'",
                        "message", "a draining queue must be StrictFIFO")));
        KueueObject queue = clusterQueue(48);
        assertThat(describe(schemas, queue)).isEmpty();
        KueueObject draining = SchemaValidationTest.change(queue, spec -> spec.put("stopPolicy", "HoldAndDrain"));
        assertThat(describe(schemas, draining))
                .containsExactly("ClusterQueue/vision-rl: spec: breaks rule: a draining queue must be StrictFIFO");
        assertThat(schemas.uncheckedRules()).isEmpty();
    }

    @Test
    void aRuleThatDoesNotCompileIsReportedByItsText() throws IOException {
        CrdSchemas schemas = withClusterQueueSpec(
                spec -> rules(spec).add(Map.of("rule", "self.resourceGroups.exists(", "message", "broken")));
        assertThat(describe(schemas, clusterQueue(48)))
                .singleElement()
                .asString()
                .startsWith("ClusterQueue/vision-rl: spec: CEL rule 'self.resourceGroups.exists(' could not be"
                        + " checked: does not compile");
        assertThat(schemas.uncheckedRules()).containsExactly("self.resourceGroups.exists(");
    }

    private static List<String> describe(CrdSchemas schemas, KueueObject object) {
        return schemas.validate(object).stream().map(Problem::describe).toList();
    }

    private static KueueObject clusterQueue(int gpus) {
        KueueConfig config = KueueConfig.defaults();
        KueueObject queue = KueueCompiler.compile(
                        TestPlans.small().build(), TestPlans.small().plan(), config, TestPlans.YIELD_BY)
                .objects()
                .stream()
                .filter(object -> object.id().equals("ClusterQueue/vision-rl"))
                .findFirst()
                .orElseThrow();
        return SchemaValidationTest.change(
                queue, spec -> SchemaValidationTest.resource(spec).put("nominalQuota", gpus));
    }

    /** The bundled CRDs, with the v1beta2 ClusterQueue spec schema changed, loaded from a folder. */
    @SuppressWarnings("unchecked")
    private CrdSchemas withClusterQueueSpec(Consumer<Map<String, Object>> change) throws IOException {
        for (String name : List.of("clusterqueues", "cohorts", "localqueues", "resourceflavors")) {
            String resource = "crds/kueue.x-k8s.io_" + name + ".json";
            Map<String, Object> crd;
            try (InputStream in = CrdSchemas.class.getResourceAsStream(resource)) {
                crd = (Map<String, Object>)
                        SchemaValidationTest.mutableCopy(CrdSchemas.parseJson(in.readAllBytes(), resource));
            }
            if (name.equals("clusterqueues")) {
                for (Object version : (List<Object>) Tree.at(crd, "spec", "versions")) {
                    if ("v1beta2".equals(((Map<String, Object>) version).get("name"))) {
                        change.accept((Map<String, Object>) Tree.at(
                                (Map<String, Object>) version, "schema", "openAPIV3Schema", "properties", "spec"));
                    }
                }
            }
            Files.writeString(
                    folder.resolve(name + ".yaml"), JsonMapper.builder().build().writeValueAsString(crd));
        }
        return CrdSchemas.load(folder);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rules(Map<String, Object> specSchema) {
        return (List<Object>) specSchema.computeIfAbsent("x-kubernetes-validations", key -> new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> quotaSchema(Map<String, Object> specSchema) {
        return (Map<String, Object>) Tree.at(
                (Map<String, Object>) Tree.at(specSchema, "properties", "resourceGroups", "items"),
                "properties",
                "flavors",
                "items",
                "properties",
                "resources",
                "items",
                "properties",
                "nominalQuota");
    }
}
