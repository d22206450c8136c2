package dev.allot.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import dev.allot.lab.LabYaml;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    static Path folder;

    static Path labFile;
    static Path traceFile;

    @BeforeAll
    static void writeInputs() throws IOException {
        labFile = folder.resolve("lab.yaml");
        Files.writeString(labFile, """
                name: small-lab
                cycle: 2027-01
                cycleStart: 2027-01-04
                gpuTypes:
                  - {name: H100, speed: 1.0}
                  - {name: A100, speed: 0.5}
                pools:
                  - {name: east-h100, cluster: east, gpuType: H100, gpus: 32, gpusPerNode: 8}
                  - {name: west-a100, cluster: west, gpuType: A100, gpus: 32, gpusPerNode: 8}
                categories:
                  - {id: exploratory}
                  - {id: product}
                policy:
                  reserve: 0%
                  relations: [exploratory >= product]
                projects:
                  - id: vision-rl
                    category: exploratory
                    ask: {floor: 8, target: 32, ceiling: 32}
                  - id: chat-sft
                    category: product
                    ask: {floor: 8, target: 16, ceiling: 24}
                """);
        traceFile = folder.resolve("jobs.csv");
        StringBuilder csv = new StringBuilder("submit_seconds,group,gpus,duration_seconds\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i * 60)
                    .append(',')
                    .append(i % 3 == 0 ? "team-b" : "team-a")
                    .append(',')
                    .append(i % 5 == 0 ? 16 : 8)
                    .append(',')
                    .append(3600 + i * 7)
                    .append('\n');
        }
        Files.writeString(traceFile, csv);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void comparesPoliciesPrintsATableAndWritesBothReports() throws IOException {
        Path out = folder.resolve("report");

        CliRun run = run(
                "simulate",
                "--lab",
                labFile.toString(),
                "--trace",
                traceFile.toString(),
                "--compare",
                "--group-map",
                "team-a=vision-rl,team-b=chat-sft",
                "--seed",
                "7",
                "--out",
                out.toString(),
                "--quiet",
                "--time-limit",
                "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Simulating jobs.csv (200 jobs, 2 groups) on lab small-lab, cycle 2027-01, seed 7")
                .containsPattern("metric +strict +lending +fairshare")
                .containsPattern("jobs completed +\\d+ +200 +200");
        assertThat(Files.readString(out.resolve("simulation.json")))
                .contains("\"format\" : \"allot-sim/1\"", "\"seed\" : 7", "\"project\" : \"vision-rl\"");
        assertThat(Files.readString(out.resolve("simulation.html"))).contains("<svg", "lending: GPUs busy");
    }

    @Test
    void jobsThePlanCanNeverStartAreNamedBeforeTheRunAndInBothReports() throws IOException {
        // chat-sft asks for 8 GPUs, but every fifth job of its trace group needs 16
        Path lab = folder.resolve("small-grant-lab.yaml");
        Files.writeString(lab, Files.readString(labFile).replace("{floor: 8, target: 16, ceiling: 24}", "{target: 8}"));
        Path out = folder.resolve("never-report");

        CliRun run = run(
                "simulate",
                "--lab",
                lab.toString(),
                "--trace",
                traceFile.toString(),
                "--policy",
                "strict",
                "--group-map",
                "team-a=vision-rl,team-b=chat-sft",
                "--quiet",
                "--time-limit",
                "20",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String headline = "The plan can never start 14 of 200 trace jobs (7.0 %) under strict quotas, in 1 project:"
                + " chat-sft 14.";
        assertThat(run.out())
                .contains("Warning: " + headline)
                .contains("Warning: Project chat-sft: 14 of 67 jobs need more GPUs than its grant of any type they"
                        + " can use (largest job 16 GPUs, largest usable grant 8)");
        assertThat(Files.readString(out.resolve("simulation.json"))).contains("\"planWarnings\"", headline);
        assertThat(Files.readString(out.resolve("simulation.html"))).contains(headline);
    }

    @Test
    void manyWarningsArePrintedAsTheFirstOnesAndACountWhileTheReportsHoldThemAll() throws IOException {
        Path out = folder.resolve("many-warnings");

        CliRun run = run(
                "simulate",
                "--demo",
                "--synthetic-jobs",
                "20000",
                "--policy",
                "strict",
                "--quiet",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> printed =
                run.out().lines().filter(line -> line.startsWith("Warning: ")).toList();
        int all = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("simulation.json").toFile())
                .get("planWarnings")
                .size();
        assertThat(all)
                .as("the demo's grants cannot start the synthetic trace's largest jobs in many projects")
                .isGreaterThan(SimulateCommand.CONSOLE_WARNINGS + 1);
        assertThat(printed).hasSize(SimulateCommand.CONSOLE_WARNINGS + 1);
        assertThat(printed.get(SimulateCommand.CONSOLE_WARNINGS))
                .isEqualTo(String.format(
                        java.util.Locale.ROOT,
                        "Warning: ... and %,d more (every warning is in simulation.json and simulation.html)",
                        all - SimulateCommand.CONSOLE_WARNINGS));
    }

    @Test
    void aPlanOverTimeReportsItsBlocksAndCapacityEventsInTextAndJson() throws IOException {
        Path lab = folder.resolve("timeline-lab.yaml");
        Files.writeString(lab, """
                name: timeline-lab
                cycle: 2027-01
                cycleStart: 2027-01-04
                gpuTypes:
                  - {name: H100, speed: 1.0}
                pools:
                  - name: east-h100
                    cluster: east
                    gpuType: H100
                    gpus: 32
                    gpusPerNode: 8
                    events:
                      - {kind: outage, gpus: 8, from: 2027-01-05, until: 2027-01-06}
                categories:
                  - {id: exploratory}
                  - {id: product}
                policy:
                  reserve: 0%
                projects:
                  - id: vision-rl
                    category: exploratory
                    ask: {floor: 8, target: 8, ceiling: 8}
                    blocks:
                      - {gpuType: H100, gpus: 16, days: 2, earliestStart: 2027-01-06, latestEnd: 2027-01-09}
                  - id: chat-sft
                    category: product
                    ask: {floor: 8, target: 8, ceiling: 8}
                """);
        Path out = folder.resolve("timeline-report");

        CliRun run = run(
                "simulate",
                "--lab",
                lab.toString(),
                "--trace",
                traceFile.toString(),
                "--group-map",
                "team-a=vision-rl,team-b=chat-sft",
                "--quiet",
                "--time-limit",
                "20",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("plan over time +lending")
                .containsPattern("block vision-rl: 16 H100 2027-01-0\\d\\.\\.2027-01-\\d\\d +on time")
                .containsPattern("outage east-h100 -8 from 2027-01-05 until 2027-01-06 +\\d+ jobs? preempted");
        assertThat(Files.readString(out.resolve("simulation.json")))
                .contains("\"timeline\"", "\"status\" : \"on time\"", "\"jobsPreempted\"");
        assertThat(Files.readString(out.resolve("simulation.html"))).contains("Plan over time");
    }

    @Test
    void simulatesAStoredCycleFromTheDatabase() {
        String url = "jdbc:h2:file:" + folder.resolve("db").resolve("allot").toAbsolutePath();
        try (Store store = Store.open(url, null, null)) {
            store.lab().importLab(LabYaml.read(Files.readString(labFile), "lab.yaml"), Actor.system("test"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        CliRun run = run(
                "simulate",
                "--cycle",
                "2027-01",
                "--db",
                url,
                "--trace",
                traceFile.toString(),
                "--group-map",
                "team-a=vision-rl,team-b=chat-sft",
                "--quiet",
                "--out",
                folder.resolve("from-db").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("on lab small-lab, cycle 2027-01").containsPattern("metric +lending");

        CliRun unknown = run("simulate", "--cycle", "2031-01", "--db", url, "--trace", traceFile.toString());
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(4);
    }

    @Test
    void badFlagsExitWithCodeTwoAndOneLineNamingTheFlagValueAndReason() {
        CliRun policy =
                run("simulate", "--lab", labFile.toString(), "--trace", traceFile.toString(), "--policy", "fifo");
        assertThat(policy.exitCode()).isEqualTo(2);
        assertThat(policy.err())
                .isEqualTo("allot: Flag --policy fifo is not a sharing policy. Maybe one of strict,"
                        + " lending, fairshare, lending-relations?\n");

        CliRun backfill = run(
                "simulate", "--lab", labFile.toString(), "--trace", traceFile.toString(), "--backfill", "conservative");
        assertThat(backfill.exitCode()).isEqualTo(2);
        assertThat(backfill.err())
                .isEqualTo(
                        "allot: Flag --backfill conservative is not a queue discipline. Maybe none, easy or full?\n");

        CliRun scale =
                run("simulate", "--lab", labFile.toString(), "--trace", traceFile.toString(), "--arrival-scale", "0");
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).startsWith("allot: Flag --arrival-scale 0.0 must be > 0");

        CliRun missing = run(
                "simulate",
                "--lab",
                labFile.toString(),
                "--trace",
                folder.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Flag --trace ").contains("nope.csv does not exist");

        CliRun noLab = run("simulate", "--trace", traceFile.toString());
        assertThat(noLab.exitCode()).isEqualTo(2);
        assertThat(noLab.err()).startsWith("allot: No lab given: pass --lab FILE, --demo or --cycle ID.");

        CliRun map = run(
                "simulate",
                "--lab",
                labFile.toString(),
                "--trace",
                traceFile.toString(),
                "--group-map",
                "team-a=nobody,team-b=chat-sft",
                "--quiet",
                "--time-limit",
                "20");
        assertThat(map.exitCode()).isEqualTo(2);
        assertThat(map.err())
                .startsWith("allot: Flag --group-map: Group mapping has 1 problem(s); first:"
                        + " group-map.team-a: names a project that is not in the plan (value: nobody)");
    }

    @Test
    void aBadTraceRowIsReportedWithItsLine() throws IOException {
        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, "submit_seconds,group,gpus,duration_seconds\n0,a,8,100\n5,a,-1,100\n");

        CliRun run = run("simulate", "--lab", labFile.toString(), "--trace", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("allot: Trace bad.csv has 1 problem in 1 of 2 rows (by column: gpus 1):"
                        + " bad.csv:3 gpus: must be >= 1 (value: -1)\n");
    }
}
