package dev.allot.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.LabYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab replays its own history in two commands: {@code lab from-trace}, then {@code simulate}. */
class SimulateFromTraceLabTest {
    @TempDir
    Path folder;

    @Test
    void aCsvTraceBecomesALabThatValidatesAndReplaysItsOwnTrace() throws IOException {
        Path trace = folder.resolve("jobs.csv");
        StringBuilder csv = new StringBuilder("job,team,submitted,gpus,runtime\n");
        for (int i = 0; i < 60; i++) {
            csv.append("\"j-")
                    .append(i)
                    .append("\",")
                    .append(i % 3 == 0 ? "vision" : "chat")
                    .append(',');
            csv.append(i * 600)
                    .append(',')
                    .append(1 << (i % 4))
                    .append(',')
                    .append(3600 + 60 * i)
                    .append('\n');
        }
        Files.writeString(trace, csv);
        String columns = "id=job,group=team,submit=submitted,duration=runtime";
        Path lab = folder.resolve("lab.yaml");

        CliRun derived = CliRun.of(
                "lab",
                "from-trace",
                trace.toString(),
                "--columns",
                columns,
                "--categories",
                "vision=product,*=exploratory",
                "--cycle",
                "2027-01",
                "--out",
                lab.toString());

        assertThat(derived.exitCode()).as(derived.err()).isZero();
        assertThat(derived.out())
                .contains("lab trace-lab from jobs.csv, 2 projects, 1 GPU types")
                .contains("Job shapes of 2 projects: largest job 8 to 8 GPUs (chat 8, vision 8);");
        assertThat(Files.readString(lab)).contains("vision").contains("chat").contains("product");
        assertThat(CliRun.of("lab", "validate", lab.toString()).exitCode()).isZero();

        CliRun replay = CliRun.of(
                "simulate",
                "--lab",
                lab.toString(),
                "--trace",
                trace.toString(),
                "--columns",
                columns,
                "--compare",
                "--quiet",
                "--time-limit",
                "10",
                "--out",
                folder.resolve("report").toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out())
                .contains("vision -> vision (same name)")
                .contains("chat -> chat (same name)")
                .contains("Ranked by effective utilisation while jobs arrive:");
    }

    @Test
    void aDeclaredLargestJobSmallerThanTheTraceJobsIsWarnedBeforeTheReplayAndInBothReports() throws IOException {
        Path trace = folder.resolve("jobs.csv");
        StringBuilder csv = new StringBuilder("submit_seconds,group,gpus,duration_seconds\n");
        for (int i = 0; i < 12; i++) {
            csv.append(i * 600).append(",vision,").append(i < 3 ? 16 : 2).append(",3600\n");
        }
        Files.writeString(trace, csv);
        Path lab = folder.resolve("lab.yaml");
        CliRun derived = CliRun.of(
                "lab", "from-trace", trace.toString(), "--categories", "*=exploratory", "--out", lab.toString());
        assertThat(derived.exitCode()).as(derived.err()).isZero();
        String yaml = Files.readString(lab);
        assertThat(yaml).contains("largestJobGpus: 16");
        // the lead declares a smaller largest job than the trace shows
        Files.writeString(lab, yaml.replace("largestJobGpus: 16", "largestJobGpus: 8"));
        Path report = folder.resolve("report");

        CliRun replay = CliRun.of(
                "simulate",
                "--lab",
                lab.toString(),
                "--trace",
                trace.toString(),
                "--quiet",
                "--time-limit",
                "10",
                "--out",
                report.toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        String warning = "Project vision declares a largest job of 8 GPUs, but 3 of its 12 trace jobs ask for 16 GPUs;"
                + " the plan's job-shape rules do not see them. Maybe a largest job of 16 GPUs?";
        assertThat(replay.out()).contains("Warning: " + warning);
        assertThat(Files.readString(report.resolve("simulation.json"))).contains("\"planWarnings\"", warning);
        assertThat(Files.readString(report.resolve("simulation.html"))).contains(warning);
    }

    @Test
    void aCategoryMissingForAGroupIsNamedWithAHint() throws IOException {
        Path trace = folder.resolve("jobs.csv");
        Files.writeString(trace, "submit_seconds,group,gpus,duration_seconds\n0,a,1,60\n0,b,1,60\n");

        CliRun run = CliRun.of("lab", "from-trace", trace.toString(), "--categories", "a=product,c=product");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo(
                        "allot: Flag --categories: groups [b] of jobs.csv have no category; groups [c] are not in"
                                + " the trace. Maybe add *=CATEGORY for the rest, e.g. --categories a=product,*=exploratory?\n");
    }

    @Test
    void theSharedGavelPhillyTraceReplaysEndToEndWithALabBuiltFromIt() throws IOException {
        Optional<Path> philly = gavelPhilly();
        Assumptions.assumeTrue(philly.isPresent(), "../shared/data/gavel-philly is absent; skipping the Philly replay");
        Path trace = philly.get().resolve("seed=0");
        Path lab = folder.resolve("philly-lab.yaml");

        CliRun derived = CliRun.of(
                "lab",
                "from-trace",
                trace.toString(),
                "--categories",
                "*=exploratory",
                "--cycle",
                "2027-01",
                "--out",
                lab.toString());
        assertThat(derived.exitCode()).as(derived.err()).isZero();
        assertThat(derived.out())
                .contains("15 projects, 3 GPU types")
                .contains("Job shapes of 15 projects: largest job 1 to 64 GPUs (11cb48 64,")
                .contains("every project's jobs run on every GPU type.");
        // each project's largest job is the largest its team submitted, read here from the trace files themselves
        Lab derivedLab = LabYaml.read(Files.readString(lab), lab.toString());
        try (var files = Files.list(trace)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".trace")).toList()) {
                String group = file.getFileName().toString().replace(".trace", "");
                int largest = Files.readAllLines(file).stream()
                        .mapToInt(line -> Integer.parseInt(line.split("\t")[6].trim()))
                        .max()
                        .orElseThrow();
                Ask ask = derivedLab.asksByProject().get(ProjectId.of(group));
                assertThat(ask.largestJobGpus()).as(group).isEqualTo(largest);
                assertThat(ask.targetGpus())
                        .as(group + ": a grant at target starts its largest job")
                        .isGreaterThanOrEqualTo(largest);
            }
        }

        CliRun replay = CliRun.of(
                "simulate",
                "--lab",
                lab.toString(),
                "--trace",
                trace.toString(),
                "--compare",
                "--quiet",
                "--time-limit",
                "20",
                "--out",
                folder.resolve("report").toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("(15,264 jobs, 15 groups)").contains("(same name)");
        assertThat(replay.out()).doesNotContain("by rank").doesNotContain("declares a largest job");
        assertThat(Files.readString(folder.resolve("report").resolve("simulation.json")))
                .contains("\"groupMapping\"");
    }

    private static Optional<Path> gavelPhilly() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("..")
                    .resolve("shared")
                    .resolve("data")
                    .resolve("gavel-philly")
                    .normalize();
            if (Files.isDirectory(data)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
