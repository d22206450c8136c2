package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmCliTest {
    private final SlurmCli cli = new SlurmCli(Duration.ofMillis(500), Map.of());

    @Test
    void aToolThatHangsIsStoppedAfterTheTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> cli.run(List.of("sleep", "30"), ""))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("'sleep 30' did not finish within 500 ms and was stopped.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingToolSaysWhatToInstall() {
        assertThatThrownBy(() -> cli.run(List.of("/nonexistent/sacctmgr", "show", "assoc"), ""))
                .isInstanceOf(AllotException.class)
                .hasMessageContaining("Could not run '/nonexistent/sacctmgr'")
                .hasMessageEndingWith("Maybe install the Slurm client tools (apt-get install slurm-client) or put"
                        + " them on PATH?");
    }

    @Test
    void aFailedToolIsReportedWithItsExitCodeAndFirstLines() {
        SlurmCli.Result result = cli.run(List.of("sh", "-c", "echo 'error: Connection refused' >&2; exit 1"), "");

        assertThatThrownBy(() -> SlurmCli.require(result))
                .isInstanceOf(AllotException.class)
                .hasMessage("'sh -c echo 'error: Connection refused' >&2; exit 1' failed (exit 1):"
                        + " error: Connection refused. Maybe slurmdbd or slurmctld is down or unreachable (check 'sacctmgr"
                        + " ping' and 'scontrol ping'), or this user may not run it?")
                .extracting(error -> ((AllotException) error).kind())
                .isEqualTo(AllotException.Kind.UNAVAILABLE);
    }

    @Test
    void stdinReachesTheTool() {
        SlurmCli.Result result = cli.run(List.of("cat"), "modify account where name=a set GrpJobs=0\n");

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEqualTo("modify account where name=a set GrpJobs=0\n");
    }

    @Test
    void aSlurmThatCannotPrintTheTreeBoundsIsReadWithParentInformationFromThenOn() {
        List<List<String>> sessions = new java.util.ArrayList<>();
        java.util.function.Function<List<String>, SlurmCli.Result> newerSlurm = commands -> {
            sessions.add(commands);
            StringBuilder out = new StringBuilder();
            boolean refused = false;
            for (String command : commands) {
                out.append("sacctmgr: ").append(command).append('\n');
                if (command.startsWith("show tres")) {
                    out.append("gres|gpu\n");
                } else if (command.contains("lft,rgt")) {
                    refused = true; // a Slurm without nested-set bounds refuses the field, prints nothing, exits
                } else if (command.contains("parentname")) {
                    out.append("ci|root|||||normal|\n");
                    out.append("ci|cat-research||root|gres/gpu=64|||\n");
                    out.append("ci|proj-a||cat-research|gres/gpu=16|||\n");
                    out.append("ci|proj-a|ada|||||\n");
                } else if (command.startsWith("show user")) {
                    out.append("ada|proj-a\n");
                }
            }
            return new SlurmCli.Result(
                    List.of("sacctmgr"), refused ? 1 : 0, out.toString(), refused ? "Unknown field 'lft'\n" : "");
        };

        SlurmCli.Snapshot first = cli.snapshot("ci", newerSlurm, true, true);
        SlurmCli.Snapshot second = cli.snapshot("ci", newerSlurm, true, true);

        assertThat(first.live().accounts()).containsKeys("root", "cat-research", "proj-a");
        assertThat(first.live().accounts().get("proj-a").parent()).isEqualTo("cat-research");
        assertThat(first.live().accounts().get("proj-a").users()).containsExactly("ada");
        assertThat(first.trackedTres()).containsExactly("gres/gpu");
        assertThat(second).isEqualTo(first);
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(2)).noneMatch(command -> command.contains("lft"));
        assertThat(cli.treeCommands("ci")).allMatch(command -> !command.contains("wopinfo"));
    }

    @Test
    void aClusterWithoutRootIsUnknownAndTheFastReadsStay(@TempDir Path tools) throws IOException {
        Path sacctmgr = tools.resolve("sacctmgr");
        Files.writeString(sacctmgr, "#!/bin/sh\necho ci\n"); // show cluster
        sacctmgr.toFile().setExecutable(true);
        SlurmCli withTools = new SlurmCli(Duration.ofSeconds(20), Map.of(), tools.toString(), Duration.ofMillis(500));
        List<List<String>> sessions = new java.util.ArrayList<>();
        java.util.function.Function<List<String>, SlurmCli.Result> slurm = commands -> {
            sessions.add(commands);
            StringBuilder out = new StringBuilder();
            for (String command : commands) {
                out.append("sacctmgr: ").append(command).append('\n');
                if (command.startsWith("show tres")) {
                    out.append("gres|gpu\n");
                }
            }
            return new SlurmCli.Result(List.of("sacctmgr"), 0, out.toString(), "");
        };

        SlurmCli.Snapshot typo = withTools.snapshot("cj", slurm, true, true);

        assertThat(typo.clusters()).containsExactly("ci");
        assertThat(typo.live().accounts()).isEmpty();
        assertThat(sessions).as("read once, with the fast reads").hasSize(1);
        assertThat(withTools.treeCommands("ci")).allMatch(command -> command.contains("wopinfo"));
    }

    @Test
    void aFailedFastReadIsReportedAndTheFastReadsStay() {
        java.util.function.Function<List<String>, SlurmCli.Result> down = commands -> new SlurmCli.Result(
                List.of("sacctmgr"), 1, "", "sacctmgr: error: Problem talking to the database: Connection refused\n");

        assertThatThrownBy(() -> cli.snapshot("ci", down, true, true))
                .isInstanceOf(AllotException.class)
                .hasMessageContaining("Connection refused");
        assertThat(cli.treeCommands("ci")).allMatch(command -> command.contains("wopinfo"));
    }
}
