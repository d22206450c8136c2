package dev.allot.app.kueue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.allot.app.CliRun;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.kueue.CrdSchemas;
import dev.allot.kueue.KueueCompiler;
import dev.allot.kueue.KueueConfig;
import dev.allot.kueue.KueueObject;
import dev.allot.lab.DemoLab;
import dev.allot.lab.LabYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KueueCommandTest {
    @TempDir
    static Path folder;

    static Path labFile;

    /** Three projects: one grows, one shrinks by the yield date, one is killed. */
    @BeforeAll
    static void writeLab() throws IOException {
        GpuTypeId h100 = GpuTypeId.of("H100");
        List<Project> projects = new ArrayList<>();
        List<Ask> asks = new ArrayList<>();
        Map<String, Integer> previous = Map.of("vision-rl", 32, "llm-pretrain", 64, "old-agents", 16);
        Map<String, Integer> asked = Map.of("vision-rl", 48, "llm-pretrain", 32, "old-agents", 0);
        previous.keySet().stream().sorted().forEach(id -> {
            String category = id.equals("llm-pretrain") ? "product" : "exploratory";
            projects.add(new Project(
                    ProjectId.of(id), id, CategoryId.of(category), "lead", List.of("lead"), ProjectStatus.ACTIVE));
            int target = asked.get(id);
            asks.add(new Ask(ProjectId.of(id), Math.min(8, target), target, target, Set.of(), Map.of(), "why"));
        });
        Map<ProjectId, Allocation> grants = new java.util.TreeMap<>();
        previous.forEach((id, gpus) -> grants.put(ProjectId.of(id), new Allocation(Map.of(h100, gpus))));
        Lab lab = Lab.builder()
                .name("cli-lab")
                .cycle(CycleId.of("2026-12"))
                .cycleStart(LocalDate.of(2026, 12, 1))
                .gpuTypes(List.of(new GpuType(h100, 1.0)))
                .pools(List.of(new Pool("east-h100", "east", h100, 128, 8)))
                .categories(List.of(
                        new Category(CategoryId.of("exploratory"), ""), new Category(CategoryId.of("product"), "")))
                .projects(projects)
                .asks(asks)
                .policy(Policy.defaults())
                .history(List.of(new PastCycle(CycleId.of("2026-10"), grants, Map.of())))
                .build();
        labFile = folder.resolve("lab.yaml");
        Files.writeString(labFile, LabYaml.write(lab));
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void exportWritesFilesInApplyOrderThatPassKueuesSchemas() throws IOException {
        Path out = folder.resolve("kueue");
        CliRun run = run("kueue", "export", "--lab", labFile.toString(), "--out", out.toString(), "--at", "2026-12-02");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly(
                            "00-namespaces.yaml",
                            "10-resourceflavors.yaml",
                            "20-cohorts.yaml",
                            "30-clusterqueues.yaml",
                            "40-localqueues.yaml");
        }
        List<KueueObject> objects = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                objects.addAll(parse(Files.readString(file)));
            }
        }
        assertThat(objects)
                .extracting(KueueObject::id)
                .contains(
                        "ClusterQueue/vision-rl",
                        "LocalQueue proj-llm-pretrain/default",
                        "ResourceFlavor/h100",
                        "Cohort/allot-product");
        assertThat(CrdSchemas.bundled().validate(objects)).isEmpty();
        assertThat(run.err())
                .contains("Kueue v1beta2 objects for 2026-12-02: 3 ClusterQueue, 3 Cohort,")
                .contains("change quota on a later date (2026-12-15)")
                .contains("llm-pretrain holds H100:64 until 2026-12-15, then H100:");
    }

    @Test
    void theDemoLabExportsAValidQueueInEachClusterForEveryProjectThatCanRunThere() throws IOException {
        long projects = Planner.create(PlannerOptions.defaults())
                .plan(DemoLab.generate(42))
                .projects()
                .size();
        java.util.Set<String> queued = new java.util.HashSet<>();
        for (String cluster : List.of("east", "west")) {
            CliRun run = run("kueue", "export", "--demo", "--at", "2027-01-04", "--cluster", cluster);

            assertThat(run.exitCode()).as(run.err()).isZero();
            List<KueueObject> objects = parse(run.out());
            assertThat(CrdSchemas.bundled().validate(objects)).isEmpty();
            List<String> clusterQueues = objects.stream()
                    .filter(object -> object.kind().equals("ClusterQueue"))
                    .map(KueueObject::name)
                    .toList();
            assertThat(objects.stream()
                            .filter(object -> object.kind().equals("LocalQueue"))
                            .count())
                    .isEqualTo(clusterQueues.size());
            queued.addAll(clusterQueues);
        }
        assertThat((long) queued.size()).isEqualTo(projects).isGreaterThan(250);
    }

    @Test
    void theDemoPlanNeverOverbooksAPoolOnAnyDayAndExportStartsAtTheCycleStart() {
        Lab lab = DemoLab.generate(42);
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(List.of(lab.cycleStart()));
        plan.projects().forEach(line -> line.yieldBy().ifPresent(days::add));
        assertThat(days).hasSizeGreaterThan(1);
        for (LocalDate day : days) {
            for (String cluster : KueueCompiler.clusters(lab)) {
                Map<String, Integer> summed = new java.util.TreeMap<>();
                KueueCompiler.compile(lab, plan, KueueConfig.defaults(), day, cluster).ofKind("ClusterQueue").stream()
                        .flatMap(queue -> ((List<?>) queue.spec().get("resourceGroups")).stream())
                        .flatMap(group -> ((List<?>) ((Map<?, ?>) group).get("flavors")).stream())
                        .map(flavor -> (Map<?, ?>) flavor)
                        .forEach(flavor -> summed.merge(
                                (String) flavor.get("name"),
                                ((Number) ((Map<?, ?>) ((List<?>) flavor.get("resources")).get(0)).get("nominalQuota"))
                                        .intValue(),
                                Integer::sum));
                Map<String, Integer> pools = new java.util.TreeMap<>();
                lab.pools().stream()
                        .filter(pool -> pool.cluster().equals(cluster))
                        .forEach(pool -> pools.merge(pool.gpuType().value().toLowerCase(), pool.gpus(), Integer::sum));
                assertThat(pools.keySet()).containsAll(summed.keySet());
                pools.forEach((flavor, gpus) -> assertThat(summed.getOrDefault(flavor, 0))
                        .as("summed %s quota in %s on %s", flavor, cluster, day)
                        .isLessThanOrEqualTo(gpus));
            }
        }

        Path out = folder.resolve("demo-kueue");
        CliRun run = run("kueue", "export", "--demo", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("cluster east: Kueue v1beta2 objects for " + lab.cycleStart() + ":")
                .contains("cluster west: Kueue v1beta2 objects for " + lab.cycleStart() + ":");
        assertThat(out.resolve("east").resolve("30-clusterqueues.yaml")).exists();
        assertThat(out.resolve("west").resolve("10-resourceflavors.yaml")).exists();
        CliRun merged = run("kueue", "export", "--demo");
        assertThat(merged.exitCode()).isEqualTo(2);
        assertThat(merged.err()).contains("has pools in 2 clusters [east, west]");
        CliRun early = run(
                "kueue",
                "export",
                "--demo",
                "--cluster",
                "east",
                "--at",
                lab.cycleStart().minusDays(1).toString());
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("is before cycle " + lab.cycle() + " starts (" + lab.cycleStart() + ")");
    }

    @Test
    void aPlanThatDoesNotFitTheLabIsRefusedNamingEveryMismatch() throws IOException {
        Path plan = folder.resolve("mismatch.json");
        assertThat(run("plan", labFile.toString(), "--format", "json", "--out", plan.toString())
                        .exitCode())
                .isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(plan.toFile());
        root.put("cycle", "2027-02");
        var projects = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("projects");
        ((com.fasterxml.jackson.databind.node.ObjectNode) projects.get(0).get("grant")).put("H100", 7.5);
        var stranger =
                (com.fasterxml.jackson.databind.node.ObjectNode) projects.get(1).deepCopy();
        stranger.put("project", "stranger");
        projects.add(stranger);
        json.writeValue(plan.toFile(), root);

        CliRun run = run("kueue", "export", "--lab", labFile.toString(), "--plan", plan.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("allot: Plan " + plan + " does not fit lab cli-lab (cycle 2026-12): 3 problem(s);"
                        + " nothing was changed.")
                .contains("  - /projects/0/grant/H100: number found, integer expected (value: 7.5)")
                .contains("  - /cycle: is not the lab's cycle 2026-12 (value: 2027-02)")
                .contains("  - /projects/3/project: is no project of lab cli-lab (value: stranger)");
    }

    @Test
    void aSavedPlanIsEnforcedAsItWasPublished() {
        Path plan = folder.resolve("plan.json");
        assertThat(run("plan", labFile.toString(), "--format", "json", "--out", plan.toString())
                        .exitCode())
                .isZero();

        CliRun fromPlan =
                run("kueue", "export", "--lab", labFile.toString(), "--plan", plan.toString(), "--at", "2026-12-02");
        CliRun planned = run("kueue", "export", "--lab", labFile.toString(), "--at", "2026-12-02");

        assertThat(fromPlan.exitCode()).as(fromPlan.err()).isZero();
        assertThat(fromPlan.out()).isEqualTo(planned.out()).contains("kind: \"ClusterQueue\"");
    }

    @Test
    void exportToStandardOutputFollowsTheYieldDate() {
        CliRun before = run("kueue", "export", "--lab", labFile.toString(), "--at", "2026-12-14");
        CliRun after = run(
                "kueue",
                "export",
                "--lab",
                labFile.toString(),
                "--at",
                "2026-12-15",
                "--api-version",
                "v1beta1",
                "--killed-stop-policy",
                "Hold");

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(clusterQueue(before.out(), "old-agents"))
                .contains("stopPolicy=Hold")
                .contains("nominalQuota=16");
        assertThat(clusterQueue(after.out(), "old-agents"))
                .contains("stopPolicy=Hold")
                .contains("nominalQuota=0")
                .contains("cohort=allot-exploratory");
        assertThat(after.out()).contains("apiVersion: \"kueue.x-k8s.io/v1beta1\"");
    }

    @Test
    void badFlagsGetOneLineNamingTheFlag() {
        CliRun both = run("kueue", "export", "--lab", labFile.toString(), "--demo");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err())
                .startsWith("allot: Flags --lab and --demo both given (value: --lab ")
                .doesNotContain("Exception");
        CliRun version = run("kueue", "export", "--lab", labFile.toString(), "--api-version", "v2");
        assertThat(version.err())
                .contains("Kueue API version 'v2' is not supported; expected one of v1beta2," + " v1beta1");
        CliRun date = run("kueue", "export", "--lab", labFile.toString(), "--at", "2026-13-01");
        assertThat(date.err()).contains("Flag --at '2026-13-01' is not a date like 2026-12-15.");
        CliRun missing =
                run("kueue", "export", "--lab", folder.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("Lab file " + folder.resolve("nope.yaml") + " does not exist.");
    }

    @Test
    void anUnreachableClusterIsReportedWithoutAStackTrace() {
        Map<String, String> properties = Map.of(
                "kubernetes.master",
                "https://127.0.0.1:1",
                "kubernetes.auth.tryKubeConfig",
                "false",
                "kubernetes.auth.tryServiceAccount",
                "false",
                "kubernetes.request.retry.backoffLimit",
                "0",
                "kubernetes.connection.timeout",
                "2000");
        properties.forEach(System::setProperty);
        try {
            CliRun run = run("kueue", "drift", "--lab", labFile.toString(), "--at", "2026-12-02");
            assertThat(run.exitCode()).isEqualTo(dev.allot.app.Cli.UNAVAILABLE);
            assertThat(run.err())
                    .contains("allot: Cannot reach the Kubernetes API server at https://127.0.0.1:1/ to read")
                    .contains("Maybe check KUBECONFIG or --context?")
                    .doesNotContain("\tat ");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @SuppressWarnings("unchecked")
    static List<KueueObject> parse(String yaml) throws IOException {
        List<KueueObject> objects = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents =
                new YAMLMapper().readerFor(Map.class).readValues(yaml)) {
            while (documents.hasNext()) {
                Map<String, Object> body = documents.next();
                Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
                objects.add(new KueueObject(
                        (String) body.get("apiVersion"),
                        (String) body.get("kind"),
                        (String) metadata.get("namespace"),
                        (String) metadata.get("name"),
                        body));
            }
        }
        return objects;
    }

    static String clusterQueue(String yaml, String name) {
        try {
            return parse(yaml).stream()
                    .filter(object -> object.id().equals("ClusterQueue/" + name))
                    .findFirst()
                    .orElseThrow()
                    .body()
                    .toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
