package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
