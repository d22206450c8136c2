package dev.allot.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
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
        assertThat(derived.out()).contains("lab trace-lab from jobs.csv, 2 projects, 1 GPU types");
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
                .contains("Ranked by effective utilisation:");
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
        assertThat(derived.out()).contains("15 projects, 3 GPU types");

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
        assertThat(replay.out()).doesNotContain("by rank");
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
