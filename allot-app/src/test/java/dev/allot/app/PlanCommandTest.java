package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Evidences;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.evidence.DemoEvidence;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.lab.DemoLab;
import dev.allot.lab.LabFile;
import dev.allot.lab.LabYaml;
import dev.allot.lab.PlanDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lab} and {@code plan} commands end to end, in-process. */
class PlanCommandTest {
    @TempDir
    static Path folder;

    static Path demoLabFile;

    @BeforeAll
    static void writeDemoLab() throws IOException {
        CliRun example = CliRun.of("lab", "example");
        assertThat(example.exitCode()).isZero();
        demoLabFile = folder.resolve("demo-lab.yaml");
        Files.writeString(demoLabFile, example.out());
    }

    @Test
    void labExamplePrintsTheDemoLabAsAFileThatReadsBackEqual() {
        Lab lab = LabYaml.read(CliRun.of("lab", "example").out(), "example");
        assertThat(lab).isEqualTo(DemoLab.generate(42));
    }

    @Test
    void labValidateAcceptsTheExample() {
        CliRun run = CliRun.of("lab", "validate", demoLabFile.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("is valid", "300 projects");
    }

    @Test
    void labCapacityListsTheEventsAndTheCapacityOfEachPeriod() throws IOException {
        Path file = folder.resolve("over-time.yaml");
        Files.writeString(
                file,
                LabYaml.write(dev.allot.lab.DemoLab.overTime(LabYaml.read(Files.readString(demoLabFile), "lab"))));

        CliRun run = CliRun.of("lab", "capacity", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("east-h200        arrival    +512 from 2027-01-25")
                .contains("west-h100        outage     -128 from 2027-02-08 until 2027-02-10")
                .contains("2027-01-25   2027-02-01       1536")
                .contains("2027-02-08   2027-02-10       1536     2944");
        assertThat(CliRun.of("lab", "capacity", demoLabFile.toString()).out()).contains("No capacity events");
    }

    @Test
    void labValidateRefusesAFileOverTheLimitNamingTheFlag() throws IOException {
        Path big = folder.resolve("big.yaml");
        // The demo lab plus 1.1 MB of comments: over a 1 MB limit, well under the default.
        Files.writeString(big, Files.readString(demoLabFile) + ("# padding" + " ".repeat(70) + "\n").repeat(14_000));
        CliRun run = CliRun.of("lab", "validate", big.toString(), "--max-file-mb", "1");
        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err()).containsPattern("file too large \\([0-9.]+ MB > limit 1 MB; set --max-file-mb\\)");
        assertThat(CliRun.of("lab", "validate", big.toString()).exitCode()).isZero();
    }

    @Test
    void labExampleWritesALabOfTheRequestedSizeThatValidatesAndPlans() throws IOException {
        CliRun example = CliRun.of("lab", "example", "--size", "450");
        assertThat(example.exitCode()).as(example.err()).isZero();
        Path file = folder.resolve("lab-450.yaml");
        Files.writeString(file, example.out());

        assertThat(CliRun.of("lab", "validate", file.toString()).out()).contains("is valid", "450 projects");
        CliRun plan = CliRun.of("plan", file.toString(), "--format", "csv", "--quiet");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
    }

    @Test
    void planByEvidenceReadsAFolderOfProjectCurvesAndSaysHowEachProjectWasValued() throws IOException {
        Lab lab = valuedByEvidence();
        Path labFile = folder.resolve("evidence-lab.yaml");
        Files.writeString(labFile, LabYaml.write(lab));
        Path evidence = Files.createDirectories(folder.resolve("evidence"));
        for (EvidenceSeries series : DemoEvidence.generate(lab, 42).values()) {
            Files.writeString(
                    evidence.resolve(series.project().value() + ".csv"), EvidenceFormat.toCsv(List.of(series), true));
        }

        CliRun run =
                CliRun.of("plan", labFile.toString(), "--evidence", evidence.toString(), "--format", "csv", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("evidence: ", "valued by its validation-loss curve", "too few to fit");
    }

    @Test
    void planReadsTheLabFilesEvidenceAndComparesBothValueModelsSideBySide() throws IOException {
        Lab lab = valuedByEvidence();
        Path labFile = withDemoEvidence(lab, "lab-with-evidence.yaml");

        CliRun plan = CliRun.of("plan", labFile.toString(), "--format", "csv", "--quiet");
        CliRun compare = CliRun.of("plan", labFile.toString(), "--compare-value-models", "--quiet");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.err()).contains("valued by its validation-loss curve", "too few to fit");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out())
                .startsWith("Value models compared on cycle " + lab.cycle() + ": ")
                .contains("value: weights   Solved in ", "value: evidence  Solved in ")
                .contains("project", "by weights", "by evidence", "change");
        int differing = differing(compare.out());
        assertThat(differing).isPositive();
        assertThat(compare.out().lines().filter(line -> line.matches(".* [+-]\\d+\\.\\d$")))
                .hasSize(differing);
    }

    @Test
    void cycleValueModelsComparesTheStoredCycleForDecidersOnly() throws IOException {
        Lab lab = valuedByEvidence();
        Path labFile = withDemoEvidence(lab, "stored-lab-with-evidence.yaml");
        String db = "jdbc:h2:file:" + folder.resolve("value-models").toAbsolutePath();
        CliRun imported = CliRun.of("lab", "import", labFile.toString(), "--db", db);
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun fromFile = CliRun.of("plan", labFile.toString(), "--compare-value-models", "--quiet");
        CliRun stored = CliRun.of("cycle", "value-models", lab.cycle().value(), "--db", db, "--as-role", "decider");
        CliRun reviewer = CliRun.of("cycle", "value-models", lab.cycle().value(), "--db", db, "--as-role", "reviewer");

        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out()).startsWith("Value models compared on cycle " + lab.cycle() + ": ");
        assertThat(differing(stored.out()))
                .as("the stored cycle and its lab file give the same comparison")
                .isEqualTo(differing(fromFile.out()))
                .isPositive();
        assertThat(reviewer.exitCode()).isNotZero();
        assertThat(reviewer.err()).contains("may not compare draft plans").doesNotContain("Exception");
    }

    /** {@code lab} written with the demo's generated evidence curves in its evidence: section. */
    private static Path withDemoEvidence(Lab lab, String name) throws IOException {
        Map<dev.allot.core.model.ProjectId, List<EvidenceSeries>> evidence = new TreeMap<>();
        DemoEvidence.generate(lab, 42).forEach((project, series) -> evidence.put(project, List.of(series)));
        Path labFile = folder.resolve(name);
        Files.writeString(labFile, LabYaml.write(new LabFile(lab, Evidences.toLab(evidence))));
        return labFile;
    }

    private static int differing(String comparison) {
        return Integer.parseInt(comparison.replaceFirst("(?s)^[^:]*: (\\d+) of .*", "$1"));
    }

    /** The demo lab with the policy valuing compute by evidence, every category's worth 500 per unit. */
    private static Lab valuedByEvidence() throws IOException {
        Lab demo = LabYaml.read(Files.readString(demoLabFile), "lab");
        Map<CategoryId, Double> worth = new TreeMap<>();
        demo.categories().forEach(category -> worth.put(category.id(), 500.0));
        return demo.withPolicy(demo.policy()
                .edit()
                .value(new ValuePolicy(ValueBasis.EVIDENCE, 720, DemoEvidence.FLOP_PER_GPU_HOUR, worth, Map.of()))
                .build());
    }

    @Test
    void anEvidenceFileForAProjectTheLabDoesNotHaveIsRefused() throws IOException {
        Path evidence = Files.createDirectories(folder.resolve("stray-evidence"));
        Files.writeString(evidence.resolve("no-such-project.csv"), "metric,compute,compute_unit,value\n");

        CliRun run = CliRun.of("plan", demoLabFile.toString(), "--evidence", evidence.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err()).contains("no-such-project", "Maybe rename it");
    }

    @Test
    void planRoundTripsTheExampleLabAsJson() throws IOException {
        Path out = folder.resolve("plan.json");
        CliRun run = CliRun.of("plan", demoLabFile.toString(), "--format", "json", "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Plan plan = PlanDocument.read(Files.readString(out), out.toString());
        Lab lab = LabYaml.read(Files.readString(demoLabFile), "lab");
        assertThat(plan.projects()).hasSizeGreaterThan(250);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(PlanDocument.json(plan)).isEqualTo(Files.readString(out));
    }

    @Test
    void theDemoLabGivesTheSamePlanEveryTime() {
        String first = CliRun.of("plan", demoLabFile.toString(), "--format", "csv", "--quiet")
                .out();
        for (int run = 0; run < 3; run++) {
            assertThat(CliRun.of("plan", demoLabFile.toString(), "--format", "csv", "--quiet")
                            .out())
                    .isEqualTo(first);
        }
    }

    @Test
    void planPrintsATableWithTotalsAndCsvWithOneRowPerProject() {
        CliRun table = CliRun.of("plan", demoLabFile.toString(), "--quiet");
        assertThat(table.out())
                .contains("project", "decision", "GPU type", "Decisions:", "policy exploratory >= product");
        CliRun csv = CliRun.of("plan", demoLabFile.toString(), "--format", "csv", "--quiet");
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("project,category,priority,decision");
        assertThat(csv.out().lines().count())
                .isEqualTo(1
                        + PlanDocument.read(
                                        CliRun.of("plan", demoLabFile.toString(), "--format", "json", "--quiet")
                                                .out(),
                                        "json")
                                .projects()
                                .size());
    }

    @Test
    void badLabFileListsEveryProblemAndExitsTwoWithoutStackTrace() throws IOException {
        Path bad = folder.resolve("bad.yaml");
        Files.writeString(bad, """
                name: broken
                cycle: 2027-01
                cycleStart: 2027-01-04
                gpuTypes:
                  - {name: H100, speed: 1.0}
                pools:
                  - {name: p, cluster: c, gpuType: H10O, gpus: 64, gpusPerNode: 8}
                categories:
                  - {id: exploratory}
                  - {id: product}
                projects:
                  - id: a
                    category: exploratory
                    ask: {floor: 64, target: 48, ceiling: 32}
                """);
        CliRun run = CliRun.of("lab", "validate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err())
                .contains("pools[0].gpuType", "H10O", "Maybe H100?", "projects[0].ask")
                .doesNotContain("Exception", "\tat ");
        assertThat(run.err().lines().filter(line -> line.startsWith("  - ")).count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void binaryFilesAreNamedAsNotTextEvenDeepInACommand() throws IOException {
        Path binary = folder.resolve("trace.bin");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, 0, 1, 2});
        CliRun plan = CliRun.of("plan", binary.toString());
        assertThat(plan.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(plan.err()).contains("trace.bin is not UTF-8 text").doesNotContain("Exception");
        CliRun simulate =
                CliRun.of("simulate", "--lab", demoLabFile.toString(), "--trace", binary.toString(), "--quiet");
        assertThat(simulate.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(simulate.err()).contains("not UTF-8 text").doesNotContain("Exception", "internal error");
    }

    @Test
    void missingFileIsNamed() {
        CliRun run = CliRun.of("plan", folder.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(Cli.NOT_FOUND);
        assertThat(run.err()).contains("nope.yaml does not exist");
    }

    @Test
    void badFlagsNameTheFlagTheValueAndTheReason() {
        CliRun gap = CliRun.of("plan", demoLabFile.toString(), "--gap", "150");
        assertThat(gap.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(gap.err()).contains("--gap", "150", "percentage");
        CliRun engine = CliRun.of("plan", demoLabFile.toString(), "--engine", "gurobi");
        assertThat(engine.err()).contains("--engine", "gurobi", "scip");
        CliRun format = CliRun.of("plan", demoLabFile.toString(), "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(format.err()).contains("--format", "xml");
        CliRun unknown = CliRun.of("plan", "--frmat", "json");
        assertThat(unknown.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(unknown.err()).contains("--frmat");
    }

    @Test
    void infeasiblePolicyExitsThreeNamingTheConflict() throws IOException {
        Path lab = folder.resolve("infeasible.yaml");
        Files.writeString(lab, """
                name: tight
                cycle: 2027-01
                cycleStart: 2027-01-04
                gpuTypes:
                  - {name: H100, speed: 1.0}
                pools:
                  - {name: p, cluster: c, gpuType: H100, gpus: 64, gpusPerNode: 8}
                categories:
                  - {id: exploratory}
                  - {id: product}
                projects:
                  - {id: a, category: exploratory, ask: {floor: 8, target: 8, ceiling: 8}}
                  - {id: b, category: product, ask: {floor: 8, target: 8, ceiling: 8}}
                pins:
                  - {project: a, gpus: {H100: 8}}
                  - {project: b, gpus: {H100: 56}}
                """);
        CliRun run = CliRun.of("plan", lab.toString(), "--quiet");
        assertThat(run.exitCode()).isEqualTo(Cli.INFEASIBLE);
        // Two minimal conflicts exist (the pins against capacity, and the pin of b against exploratory >= product);
        // either names the pin of b.
        assertThat(run.err()).contains("The policy cannot be met", "the pin of b");
    }

    @Test
    void demoPrintsTheSummaryALeaderWantsToSee() {
        CliRun run = CliRun.of("demo", "--no-serve");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "300 projects",
                        "Solved in",
                        "gap",
                        "GPU type",
                        "exploratory",
                        "Decisions:",
                        "Largest changes:",
                        // the cycle over time: an arrival, a maintenance weekend and two reserved blocks
                        "Timeline: 8 periods",
                        "+256 GPUs arrive in pool east-h200",
                        "128 GPUs of pool west-h100 are down",
                        "block of 256 H100 for 14 days for",
                        "block of 64 H200 for 7 days for",
                        "'./allot lab example --over-time > lab.yaml'");
    }

    @Test
    void demoPlansOnePeriodOnRequest() {
        CliRun run = CliRun.of("demo", "--no-serve", "--one-period");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("300 projects", "Decisions:", "'./allot lab example > lab.yaml'")
                .doesNotContain("Timeline:", "block of");

        CliRun both = CliRun.of("demo", "--no-serve", "--one-period", "--over-time");
        assertThat(both.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(both.err()).contains("--one-period and --over-time contradict each other");
    }

    @Test
    void theLabExampleOverTimeIsTheCycleTheDemoPlans() throws Exception {
        CliRun run = CliRun.of("lab", "example", "--over-time");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Lab lab = LabYaml.read(run.out(), "example");
        assertThat(lab).isEqualTo(dev.allot.lab.DemoLab.withTimeline(dev.allot.lab.DemoLab.generate(42)));
        assertThat(lab.capacityEvents()).hasSize(2);
        assertThat(lab.blocks()).hasSize(2);

        CliRun both = CliRun.of("lab", "example", "--over-time", "--size", "3000");
        assertThat(both.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(both.err()).contains("Flags --size and --over-time do not go together");
    }
}
