package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.allot.core.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidationTest {
    private static final CrdSchemas BUNDLED = CrdSchemas.bundled();

    private static List<KueueObject> compile(TestPlans plans, KueueApiVersion version, LocalDate asOf) {
        KueueConfig config =
                KueueConfig.defaults().toBuilder().apiVersion(version).build();
        return KueueCompiler.compile(plans.build(), plans.plan(), config, asOf).objects();
    }

    @ParameterizedTest
    @EnumSource(KueueApiVersion.class)
    void everyObjectOfTheSmallPlanIsValidOnBothSidesOfTheYieldDate(KueueApiVersion version) {
        for (LocalDate asOf : List.of(TestPlans.YIELD_BY.minusDays(1), TestPlans.YIELD_BY)) {
            assertThat(BUNDLED.validate(compile(TestPlans.small(), version, asOf)))
                    .isEmpty();
        }
        assertThat(BUNDLED.uncheckedRules()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyObjectOfRandomPlansIsValid(long seed) {
        assertThat(BUNDLED.validate(
                        compile(TestPlans.random(seed, 60), KueueApiVersion.V1BETA2, TestPlans.YIELD_BY.minusDays(1))))
                .isEmpty();
    }

    @Test
    void everyObjectIsValidAgainstTheFullCrdsInSharedData() throws IOException {
        Optional<Path> folder = SharedData.folder("kueue-crds");
        assumeTrue(folder.isPresent(), "../shared/data/kueue-crds is absent; checked against the bundled CRDs only");
        CrdSchemas shared = CrdSchemas.load(folder.get());
        for (KueueApiVersion version : KueueApiVersion.values()) {
            List<KueueObject> objects = compile(TestPlans.random(7, 300), version, TestPlans.YIELD_BY);
            assertThat(shared.validate(objects)).isEmpty();
            assertThat(objects)
                    .allSatisfy(object -> assertThat(object.kind().equals("Namespace")
                                    || shared.knows(object.apiVersion(), object.kind()))
                            .isTrue());
        }
        assertThat(shared.uncheckedRules()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBundledSchemasAreKueuesWithoutDescriptionsAndStatus() throws IOException {
        Optional<Path> folder = SharedData.folder("kueue-crds");
        assumeTrue(folder.isPresent(), "../shared/data/kueue-crds is absent; cannot compare the bundled copy");
        CrdSchemas shared = CrdSchemas.load(folder.get());
        for (String kind : List.of("ClusterQueue", "Cohort", "LocalQueue", "ResourceFlavor", "WorkloadPriorityClass")) {
            for (KueueApiVersion version : KueueApiVersion.values()) {
                Map<String, Object> full = new LinkedHashMap<>(shared.openApi(version.apiVersion(), kind));
                Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) full.get("properties"));
                properties.remove("status");
                full.put("properties", properties);
                assertThat(BUNDLED.openApi(version.apiVersion(), kind))
                        .as(kind + " " + version)
                        .isEqualTo(withoutDescriptions(full));
            }
        }
    }

    private static Object withoutDescriptions(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (!"description".equals(key)) {
                    copy.put((String) key, withoutDescriptions(item));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SchemaValidationTest::withoutDescriptions).toList();
        }
        return value;
    }

    @Test
    void theValidatorRejectsAnUnknownStopPolicy() {
        assertThat(problems(spec -> spec.put("stopPolicy", "Pause")))
                .containsExactly("ClusterQueue/vision-rl: spec.stopPolicy: is not one of [None, Hold, HoldAndDrain]"
                        + " (value: Pause)");
    }

    @Test
    void theValidatorRejectsAMissingNominalQuotaAndAFractionalString() {
        assertThat(problems(spec -> resource(spec).remove("nominalQuota")))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec.resourceGroups[0].flavors[0].resources[0].nominalQuota: is required");
        assertThat(problems(spec -> resource(spec).put("nominalQuota", "eight")))
                .hasSize(1)
                .first()
                .asString()
                .contains("does not match pattern");
    }

    @Test
    void theValidatorRejectsMoreThan64FlavorsInAGroup() {
        assertThat(problems(spec -> {
                    List<Object> flavors = new ArrayList<>();
                    for (int i = 0; i < 65; i++) {
                        flavors.add(Map.of(
                                "name",
                                "f" + i,
                                "resources",
                                List.of(Map.of("name", "nvidia.com/gpu", "nominalQuota", 1))));
                    }
                    group(spec).put("flavors", flavors);
                }))
                .containsExactly("ClusterQueue/vision-rl: spec.resourceGroups[0].flavors: has 65 items, more than the"
                        + " maximum 64");
    }

    @Test
    void theValidatorEnforcesTheCelRulesOfClusterQueues() {
        assertThat(problems(spec -> {
                    spec.remove("cohortName");
                    resource(spec).put("borrowingLimit", 4);
                }))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec: breaks rule: borrowingLimit must be nil when cohort is"
                                + " empty",
                        "ClusterQueue/vision-rl: spec.resourceGroups[0].flavors[0].resources[0].borrowingLimit:"
                                + " must be nil when cohort is empty (value: 4)");
        assertThat(problems(spec -> group(spec).put("coveredResources", List.of("nvidia.com/gpu", "cpu"))))
                .containsExactly("ClusterQueue/vision-rl: spec.resourceGroups[0]: breaks rule: flavors must have the"
                        + " same number of resources as the coveredResources");
    }

    @Test
    void theValidatorRejectsUnknownFieldsDuplicateFlavorsAndBadNames() {
        assertThat(problems(spec -> spec.put("cohort", "allot")))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec.cohort: is an unknown field (kubectl's strict field validation rejects"
                                + " it)");
        assertThat(problems(spec -> {
                    List<Object> flavors = new ArrayList<>((List<?>) group(spec).get("flavors"));
                    flavors.add(flavors.get(0));
                    group(spec).put("flavors", flavors);
                }))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec.resourceGroups[0].flavors: has two items with the same key"
                                + " [name] (value: [h100])",
                        "ClusterQueue/vision-rl: spec.resourceGroups[0].flavors[2].name: is listed"
                                + " in more than one place (value: h100)");
        KueueObject object = clusterQueue(spec -> {});
        KueueObject renamed = new KueueObject(object.apiVersion(), object.kind(), "", "Vision_RL", object.body());
        assertThat(BUNDLED.validate(renamed))
                .extracting(Problem::path)
                .containsExactly("ClusterQueue/Vision_RL: metadata.name");
    }

    @Test
    void kueuesAdmissionRulesAreCheckedToo() {
        assertThat(problems(spec -> resource(spec).put("lendingLimit", 60)))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec.resourceGroups[0].flavors[0].resources[0].lendingLimit: must be less"
                                + " than or equal to the nominalQuota (48) (value: 60)");
        assertThat(problems(spec -> {
                    List<Object> groups = new ArrayList<>((List<?>) spec.get("resourceGroups"));
                    groups.add(Map.of(
                            "coveredResources",
                            List.of("cpu"),
                            "flavors",
                            List.of(Map.of(
                                    "name",
                                    "h100",
                                    "resources",
                                    List.of(Map.of("name", "memory", "nominalQuota", -1))))));
                    spec.put("resourceGroups", groups);
                }))
                .containsExactly(
                        "ClusterQueue/vision-rl: spec.resourceGroups[1].flavors[0].name: is listed in more than one place"
                                + " (value: h100)",
                        "ClusterQueue/vision-rl: spec.resourceGroups[1].flavors[0].resources[0].name: must match the name in"
                                + " coveredResources (cpu) (value: memory)",
                        "ClusterQueue/vision-rl: spec.resourceGroups[1].flavors[0].resources[0].nominalQuota: must be greater"
                                + " than or equal to 0 (value: -1)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCohortMayLendMoreThanItsOwnQuotaButOnlyWithAParent() {
        KueueObject product = compile(TestPlans.small(), KueueApiVersion.V1BETA2, TestPlans.YIELD_BY).stream()
                .filter(object -> object.id().equals("Cohort/allot-product"))
                .findFirst()
                .orElseThrow();
        assertThat(BUNDLED.validate(product)).isEmpty();
        Map<String, Object> body = (Map<String, Object>) mutableCopy(product.body());
        ((Map<String, Object>) body.get("spec")).remove("parentName");
        assertThat(BUNDLED.validate(new KueueObject(product.apiVersion(), "Cohort", "", product.name(), body)))
                .extracting(Problem::describe)
                .containsExactly("Cohort/allot-product: spec.resourceGroups[0]"
                        + ".flavors[0].resources[0].lendingLimit: must be nil when parent is empty (value: 22)");
    }

    private static List<String> problems(Consumer<Map<String, Object>> change) {
        return BUNDLED.validate(clusterQueue(change)).stream()
                .map(Problem::describe)
                .toList();
    }

    /** The small plan's vision-rl ClusterQueue, deep-copied and changed. */
    @SuppressWarnings("unchecked")
    private static KueueObject clusterQueue(Consumer<Map<String, Object>> change) {
        KueueObject original = compile(TestPlans.small(), KueueApiVersion.V1BETA2, TestPlans.YIELD_BY).stream()
                .filter(object -> object.id().equals("ClusterQueue/vision-rl"))
                .findFirst()
                .orElseThrow();
        return change(original, change);
    }

    /** A deep copy of a cluster-scoped object with its spec changed. */
    @SuppressWarnings("unchecked")
    static KueueObject change(KueueObject original, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = (Map<String, Object>) mutableCopy(original.body());
        change.accept((Map<String, Object>) body.get("spec"));
        return new KueueObject(original.apiVersion(), original.kind(), "", original.name(), body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(Map<String, Object> spec) {
        return (Map<String, Object>) ((List<Object>) spec.get("resourceGroups")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Map<String, Object> spec) {
        Map<String, Object> flavor =
                (Map<String, Object>) ((List<Object>) group(spec).get("flavors")).get(0);
        return (Map<String, Object>) ((List<Object>) flavor.get("resources")).get(0);
    }

    static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, mutableCopy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(
                    list.stream().map(SchemaValidationTest::mutableCopy).toList());
        }
        return value;
    }
}
