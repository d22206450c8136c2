package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabYamlTest {
    private static final String TINY = """
            name: tiny-lab
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
              - id: vision-rl
                category: exploratory
                ask: {target: 16}
            """;

    @Test
    void aFileWithManyProblemsListsThemAllInFileOrder() throws IOException {
        AllotException error = catchThrowableOfType(
                AllotException.class,
                () -> LabYaml.read(BadLabFilesTest.fixture("many-problems.yaml"), "many-problems.yaml"));

        assertThat(error.getMessage()).isEqualTo("many-problems.yaml: 17 problems");
        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "cycleStart",
                        "gpuTypes[0].speed",
                        "pools[0].gpus",
                        "policy.reserve",
                        "policy.relations[0]",
                        "policy.granularity",
                        "projects[0].category",
                        "projects[0].status",
                        "projects[0].ask.floor",
                        "projects[0].ask.gpuTypes[0]",
                        "projects[0].scores[0].score",
                        "projects[1].colour",
                        "projects[1].id",
                        "overrides[0].project",
                        "overrides[0].action",
                        "history[0].grants.ghost",
                        "history[0].used.vision-rl");
    }

    @Test
    void optionalKeysTakeTheirDocumentedDefaults() {
        Lab lab = LabYaml.read(TINY, "tiny.yaml");

        assertThat(lab.policy()).isEqualTo(Policy.defaults());
        assertThat(lab.projects().get(0).status()).isEqualTo(ProjectStatus.ACTIVE);
        assertThat(lab.projects().get(0).name()).isEqualTo("vision-rl");
        Ask ask = lab.asks().get(0);
        assertThat(List.of(ask.floorGpus(), ask.targetGpus(), ask.ceilingGpus()))
                .containsExactly(0, 16, 16);
        assertThat(ask.gpuTypes()).isEmpty();
        assertThat(lab.pins()).isEmpty();
        assertThat(lab.history()).isEmpty();
    }

    @Test
    void percentagesMayBeWrittenAsFractionsAndRelationsMayCarryAFactor() {
        Lab lab = LabYaml.read(TINY + """
                policy:
                  reserve: 0.1
                  shares: {product: {max: 0.4}}
                  relations: ["exploratory >= 1.5 * product"]
                  maxChangePerCycle: 25%
                  granularity: gpu
                """, "tiny.yaml");

        Policy policy = lab.policy();
        assertThat(policy.reserveFraction()).isEqualTo(0.1);
        assertThat(policy.shareBounds()).containsExactly(new ShareBound(CategoryId.of("product"), 0, 0.4));
        assertThat(policy.relations())
                .containsExactly(new ShareRelation(CategoryId.of("exploratory"), 1.5, CategoryId.of("product")));
        assertThat(policy.maxChangeFraction()).isEqualTo(0.25);
        assertThat(policy.granularity()).isEqualTo(Granularity.GPU);
    }

    @Test
    void anEmptyRelationListMeansNoRelations() {
        Lab lab = LabYaml.read(TINY + "policy: {relations: []}\n", "tiny.yaml");

        assertThat(lab.policy().relations()).isEmpty();
    }

    @Test
    void withGpuGranularityPinsNeedNotBeWholeNodes() {
        Lab lab = LabYaml.read(TINY + """
                policy: {granularity: gpu}
                pins:
                  - {project: vision-rl, gpus: {H100: 12}}
                """, "tiny.yaml");

        assertThat(lab.pins().get(0).gpus()).isEqualTo(Allocation.of("H100", 12));
    }

    @Test
    void anEmptyFileIsOneProblem() {
        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.read("  \n", "empty.yaml"));

        assertThat(error.getMessage()).isEqualTo("empty.yaml: 1 problem");
        assertThat(error.problems())
                .extracting(Problem::describe)
                .containsExactly("(file): is empty. Maybe start from the example in docs/lab-file.md?");
    }

    @Test
    void aFileThatIsNotAMappingSaysWhichKeysItNeeds() {
        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.read("- a\n- b\n", "x"));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("(file)");
            assertThat(problem.reason()).startsWith("expected a mapping with the keys name, cycle, cycleStart");
        });
    }

    @Test
    void aKeyWrittenTwiceIsReportedWithItsLine() {
        AllotException error = catchThrowableOfType(
                AllotException.class, () -> LabYaml.read("name: a\ncycle: 2027-01\nname: b\n", "twice.yaml"));

        assertThat(error.problems())
                .extracting(Problem::describe)
                .containsExactly("line 3, column 5: key 'name' appears twice in the same mapping (value: name). "
                        + "Maybe merge the two entries?");
    }

    @Test
    void textThatLooksLikeOtherYamlTypesRoundTrips() {
        List<String> awkward = List.of(
                "yes",
                "null",
                "1e3",
                "08",
                "a: b",
                "# not a comment",
                "say \"hi\"",
                "two\nlines",
                " padded ",
                "back\\slash",
                "Zürich – café",
                "[x]",
                "{y}",
                "- dash",
                "@at",
                "3d-vision");
        for (String text : awkward) {
            Lab lab = labNamed(text);

            assertThat(LabYaml.read(LabYaml.write(lab), "awkward.yaml"))
                    .as(text)
                    .isEqualTo(lab);
        }
    }

    @Test
    void numbersRoundTripExactly() {
        Lab lab = labNamed("numbers");
        Lab tuned = lab.toBuilder()
                .gpuTypes(
                        List.of(new GpuType(GpuTypeId.of("H100"), 1e-7), new GpuType(GpuTypeId.of("A100"), 12345678.9)))
                .policy(Policy.defaults()
                        .edit()
                        .reserveFraction(0.07)
                        .reserveGpus(Map.of(GpuTypeId.of("H100"), 3))
                        .relations(List.of())
                        .maxChangeFraction(1.0 / 3)
                        .granularity(Granularity.NODE)
                        .yieldNoticeDays(0)
                        .build())
                .pins(List.of())
                .overrides(List.of())
                .history(List.of(new PastCycle(
                        CycleId.of("2026-12"),
                        Map.of(ProjectId.of("p1"), Allocation.NONE),
                        Map.of(ProjectId.of("p1"), 1.25))))
                .build();

        assertThat(LabYaml.read(LabYaml.write(tuned), "numbers.yaml")).isEqualTo(tuned);
    }

    private static Lab labNamed(String text) {
        GpuTypeId h100 = GpuTypeId.of("H100");
        ProjectId project = ProjectId.of("p1");
        CategoryId category = CategoryId.of("research");
        return Lab.builder()
                .name(text)
                .cycle(CycleId.of("2027-01"))
                .cycleStart(LocalDate.of(2027, 1, 4))
                .gpuTypes(List.of(new GpuType(h100, 1.0)))
                .pools(List.of(new Pool(text, text, h100, 16, 8)))
                .categories(List.of(new Category(category, text)))
                .projects(List.of(new Project(project, text, category, text, List.of(text, "b"), ProjectStatus.PAUSED)))
                .asks(List.of(new Ask(project, 1, 2, 3, Set.of(h100), Map.of(h100, 1.5), text)))
                .scores(List.of(new Score(project, text, 7, text)))
                .policy(Policy.defaults()
                        .edit()
                        .relations(List.of())
                        .granularity(Granularity.GPU)
                        .build())
                .build();
    }

    @Test
    void capacityEventsAndThePeriodLengthRoundTrip() {
        Lab lab = LabYaml.read(
                TINY.replace(
                                "gpus: 64, gpusPerNode: 8}",
                                "gpus: 64, gpusPerNode: 8, events: [{kind: arrival, gpus: 32, from: 2027-01-20},"
                                        + " {kind: outage, gpus: 16, from: 2027-02-01, until: 2027-02-03}]}")
                        + "policy: {periodDays: 14}\n"
                        + "budgets:\n  - {project: vision-rl, gpuType: H100, gpuHours: 20000}\n",
                "events.yaml");

        assertThat(lab.capacityEvents())
                .containsExactly(
                        dev.allot.core.model.CapacityEvent.arrival("east-h100", 32, LocalDate.of(2027, 1, 20)),
                        dev.allot.core.model.CapacityEvent.outage(
                                "east-h100", 16, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 3)));
        assertThat(lab.policy().periodDays()).isEqualTo(14);
        assertThat(lab.budgets())
                .containsExactly(
                        new dev.allot.core.model.Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 20000));
        assertThat(lab.capacityGpusOn(LocalDate.of(2027, 2, 2))).containsEntry(GpuTypeId.of("H100"), 80);
        assertThat(LabYaml.read(LabYaml.write(lab), "events.yaml")).isEqualTo(lab);
    }

    @Test
    void categoryBudgetsAreReadAndWrittenBackBesideProjectBudgets() {
        Lab lab = LabYaml.read(
                TINY + "budgets:\n  - {category: product, gpuType: H100, gpuHours: 20000}\n"
                        + "  - {project: vision-rl, gpuType: H100, gpuHours: 5000}\n"
                        + "  - {category: exploratory, gpuType: H100, gpuHours: 0}\n",
                "budgets.yaml");

        assertThat(lab.budgets())
                .containsExactly(
                        new dev.allot.core.model.Budget(
                                dev.allot.core.model.CategoryId.of("product"), GpuTypeId.of("H100"), 20000),
                        new dev.allot.core.model.Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 5000),
                        new dev.allot.core.model.Budget(
                                dev.allot.core.model.CategoryId.of("exploratory"), GpuTypeId.of("H100"), 0));
        assertThat(LabYaml.write(lab)).contains("- {category: product, gpuType: H100, gpuHours: 20000.0}");
        assertThat(LabYaml.read(LabYaml.write(lab), "budgets.yaml")).isEqualTo(lab);
    }

    @Test
    void reservedBlocksOfAProjectAreReadAndWrittenBack() {
        Lab lab = LabYaml.read(
                TINY + "    blocks:\n"
                        + "      - {gpuType: H100, gpus: 32, days: 10, earliestStart: 2027-01-18, latestEnd: 2027-02-15}\n",
                "blocks.yaml");

        assertThat(lab.blocks())
                .containsExactly(new dev.allot.core.model.Block(
                        ProjectId.of("vision-rl"),
                        GpuTypeId.of("H100"),
                        32,
                        10,
                        LocalDate.of(2027, 1, 18),
                        LocalDate.of(2027, 2, 15)));
        assertThat(LabYaml.read(LabYaml.write(lab), "blocks.yaml")).isEqualTo(lab);
    }

    @Test
    void badBlocksAreReportedAllAtOnceWithTheirFields() {
        AllotException error = catchThrowableOfType(
                AllotException.class,
                () -> LabYaml.read(
                        TINY + "    blocks:\n"
                                + "      - {gpuType: H100, gpus: 12, days: 10, earliestStart: 2026-12-28,"
                                + " latestEnd: 2027-01-05}\n"
                                + "      - {gpuType: B200, gpus: 8, days: 0, earliestStart: 2027-01-04,"
                                + " latestEnd: 2027-04-01}\n",
                        "blocks.yaml"));

        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "projects[0].blocks[0].gpus",
                        "projects[0].blocks[0].earliestStart",
                        "projects[0].blocks[0].latestEnd",
                        "projects[0].blocks[1].gpuType",
                        "projects[0].blocks[1].days",
                        "projects[0].blocks[1].latestEnd");
    }
}
