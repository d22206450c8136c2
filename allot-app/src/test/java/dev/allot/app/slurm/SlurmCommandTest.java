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
                .isEqualTo("allot: No plan given: pass --cycle ID|current (a cycle's published plan, from the store"
                        + " or --server), or --lab FILE with --plan FILE. Maybe --cycle current?\n");
    }

    @Test
    void aMissingLabFileIsNamed() {
        SlurmCommandRun run = SlurmCommandRun.of("slurm", "apply", "--lab", "no-such-lab.yaml", "--replan");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("allot: Lab file no-such-lab.yaml does not exist.");
    }

    @Test
    void aClusterNameSlurmCannotHaveIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);

        SlurmCommandRun run = SlurmCommandRun.of(
                "slurm", "diff", "--lab", lab.toString(), "--replan", "--cluster", "My Cluster", "--time-limit", "10");

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
    void usageNeedsEitherACycleOrASinceDate() {
        SlurmCommandRun neither = SlurmCommandRun.of("slurm", "usage");
        SlurmCommandRun both = SlurmCommandRun.of("slurm", "usage", "--cycle", "2026-12", "--since", "2026-12-01");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Give either --cycle ID (a cycle's window) or --since DATE");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("Give either --cycle ID");
    }

    @Test
    void aPlanThatDoesNotFitTheLabIsRefusedNamingEveryMismatchBeforeSlurmIsAsked(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);
        String line = "{\"project\": \"%s\", \"category\": \"%s\", \"decision\": \"new\", \"previous\": {},"
                + " \"grant\": {%s}}";
        String plan = "{\"format\": \"allot.plan/v1\", \"cycle\": \"2026-12\", \"projects\": ["
                + String.join(
                        ", ",
                        line.formatted("vision-rl", "exploratory", "\"H100\": 7.5"),
                        line.formatted("vision-rl", "exploratory", "\"H100\": 8"),
                        line.formatted("ghost", "exploratory", "\"H100\": 8"),
                        line.formatted("a".repeat(100), "exploratory", ""),
                        line.formatted("x';drop", "exploratory", ""),
                        line.formatted("chat-sft", "product", "\"A100\": 40, \"B200\": 8"))
                + "], \"capacityGpus\": {\"H100\": 64, \"A100\": 32}}";
        Path file = Files.writeString(dir.resolve("plan.json"), plan);

        // --cluster names no cluster: had the check not stopped it first, sacctmgr would fail with another message
        SlurmCommandRun run = SlurmCommandRun.of(
                "slurm", "apply", "--lab", lab.toString(), "--plan", file.toString(), "--cluster", "no-such-cluster");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "allot: Plan " + file + " does not fit lab slurm-lab (cycle 2027-01): 8 problem(s); nothing"
                                + " was changed.",
                        "  - /projects/0/grant/H100: number found, integer expected (value: 7.5)",
                        "  - /cycle: is not the lab's cycle 2027-01 (value: 2026-12). Maybe use the plan of cycle"
                                + " 2027-01, or that cycle's lab?",
                        "  - /projects/1/project: appears more than once in the plan (value: vision-rl). Maybe merge"
                                + " its lines?",
                        "  - /projects/2/project: is no project of lab slurm-lab (value: ghost). Maybe add it to the"
                                + " lab file first?",
                        "  - /projects/3/project: is not a valid project id: use lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit, at most 63 characters (value: "
                                + "a".repeat(77) + "...). Maybe " + "a".repeat(63) + "?",
                        "  - /projects/4/project: is not a valid project id: use lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit, at most 63 characters (value:"
                                + " x';drop). Maybe x-drop?",
                        "  - /projects/5/grant/B200: is a GPU type lab slurm-lab does not have (value: B200). Maybe"
                                + " one of [H100, A100]?",
                        "  - /grantedGpus/A100: exceeds the lab's 32 A100 GPUs (value: 40). Maybe the plan was made"
                                + " for a larger lab; plan again for this one?");
    }

    @Test
    void aLabWithoutAPlanIsNotSilentlyPlannedAgain(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);

        SlurmCommandRun run = SlurmCommandRun.of("slurm", "apply", "--lab", lab.toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("allot: No plan given: enforcement applies a published plan. Maybe --plan plan.yaml"
                        + " (written by 'allot plan --format yaml'), or --replan to plan the lab now?\n");
    }

    @Test
    void applyWithoutATerminalNeedsYes(@TempDir Path dir) throws Exception {
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);

        SlurmCommandRun run = SlurmCommandRun.of(
                "slurm", "apply", "--lab", lab.toString(), "--replan", "--time-limit", "10", "--cluster", "nowhere");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("allot: Apply would change cluster nowhere without confirmation: there is no terminal to"
                        + " ask on. Maybe pass --yes (see first what changes with 'allot slurm diff')?\n");
    }
}
