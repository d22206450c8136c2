package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Application;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.LabYaml;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks from a lab file through the store: imported, exported unchanged, placed by the draft solve and listed by
 * {@code allot cycle blocks}.
 */
class CycleBlocksCommandTest {
    private static final CycleId CYCLE = CycleId.of("2027-01");
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final String LAB = dev.allot.app.slurm.SlurmCommandRun.LAB
            .replace(
                    "ask: {floor: 8, target: 16, ceiling: 24, gpuTypes: [H100]}",
                    "ask: {floor: 8, target: 16, ceiling: 24, gpuTypes: [H100]}\n"
                            + "    blocks:\n"
                            + "      - {gpuType: H100, gpus: 32, days: 7, earliestStart: 2027-01-11,"
                            + " latestEnd: 2027-02-01}")
            .replace(
                    "ask: {floor: 8, target: 16, ceiling: 16, gpuTypes: [A100]}",
                    "ask: {floor: 8, target: 16, ceiling: 16, gpuTypes: [A100]}\n"
                            + "    blocks:\n"
                            + "      - {gpuType: A100, gpus: 64, days: 5, earliestStart: 2027-01-04,"
                            + " latestEnd: 2027-03-01}");

    @TempDir
    Path folder;

    @Test
    void blocksOfALabFileAreStoredExportedPlacedAndListed() {
        String db = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        Lab lab = LabYaml.read(LAB, "lab.yaml");
        assertThat(lab.blocks()).hasSize(2);
        try (Store store = Store.open(db, null, null)) {
            Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
            application.cycles().importLab(lab, Actor.system("test"));
            CliRun before = CliRun.of("cycle", "blocks", "2027-01", "--db", db);
            Lab exported = application.reads().lab(CYCLE);
            assertThat(exported.blocks()).isEqualTo(lab.blocks());
            assertThat(LabYaml.read(LabYaml.write(exported), "export.yaml").blocks())
                    .isEqualTo(lab.blocks());
            application.cycles().transition(CYCLE, CycleState.REVIEW, null, DANA);
            application.cycles().transition(CYCLE, CycleState.DRAFT, null, DANA);
            application.drafts().solve(CYCLE, DANA, null);

            CliRun after = CliRun.of("cycle", "blocks", "2027-01", "--db", db);

            assertThat(before.exitCode()).as(before.err()).isZero();
            assertThat(before.out()).contains("placed by no plan yet").doesNotContain("NOT PLACED");
            assertThat(after.exitCode()).as(after.err()).isZero();
            assertThat(after.out())
                    .contains("Reserved blocks of cycle 2027-01, placed by draft v1")
                    .containsPattern("vision-rl +32 H100 for 7 days +window 2027-01-11\\.\\.2027-01-31  placed"
                            + " 2027-01-\\d\\d\\.\\.2027-0\\d-\\d\\d")
                    .contains("chat-sft")
                    .contains("NOT PLACED")
                    .contains("Its block of 64 A100 for 5 days could not be placed");
        }
    }
}
