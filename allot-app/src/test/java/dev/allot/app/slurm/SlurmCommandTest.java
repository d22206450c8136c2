package dev.allot.app.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmCommandTest {
    @Test
    void withoutALabTheCommandSaysWhatToPass() {
        SlurmCommandRun run = SlurmCommandRun.of("slurm", "diff");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("allot: No lab given: pass --lab FILE or --demo. Maybe 'allot slurm diff"
                        + " --lab lab.yaml'?\n");
    }

    @Test
    void aMissingLabFileIsNamed() {
        SlurmCommandRun run = SlurmCommandRun.of("slurm", "apply", "--lab", "no-such-lab.yaml");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("allot: Lab file no-such-lab.yaml does not exist.");
    }

    @Test
    void aClusterNameSlurmCannotHaveIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);

        SlurmCommandRun run = SlurmCommandRun.of(
                "slurm", "diff", "--lab", lab.toString(), "--cluster", "My Cluster", "--time-limit", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("allot: cluster: 'My Cluster' is not a valid Slurm name (lower-case letters,"
                        + " digits, '.', '_', '-'). Maybe use the ClusterName from slurm.conf?\n");
    }

    @Test
    void aUsagePeriodThatEndsBeforeItStartsIsRefused() {
        SlurmCommandRun run = SlurmCommandRun.of("slurm", "usage", "--since", "2026-12-05", "--until", "2026-12-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("allot: Flag --since 2026-12-05 is not before --until 2026-12-01. Maybe"
                        + " --since 2026-11-24?\n");
    }

    @Test
    void usageNeedsASinceDate() {
        SlurmCommandRun run = SlurmCommandRun.of("slurm", "usage");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("allot: Missing required option: '--since=DATE'");
    }
}
