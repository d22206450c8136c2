package dev.allot.app.kueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import dev.allot.application.Application;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.LabYaml;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code allot kueue usage import}: a usage CSV goes into the store whole, or not at all. */
class KueueUsageImportTest {
    private static final String LAB = """
            name: usage-lab
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
              - {id: vision-rl, category: exploratory, ask: {floor: 8, target: 32, ceiling: 48}}
              - {id: chat-sft, category: product, ask: {floor: 8, target: 16, ceiling: 24}}
            """;

    @TempDir
    Path folder;

    @Test
    void aCsvWithBadRowsNamesEachAndImportsNothingAndAGoodOneIsRecorded() throws Exception {
        String db = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        Lab lab = LabYaml.read(LAB, "lab.yaml");
        try (Store store = Store.open(db, null, null)) {
            Application.over(store).cycles().importLab(lab, Actor.system("test"));
        }
        Path bad = Files.writeString(folder.resolve("bad.csv"), """
                project,gpu_type,date,gpu_hours
                vision-rl,H100,2027-01-04,120
                vision-rl,H999,2027-01-05,abc
                """);
        Path good = Files.writeString(folder.resolve("good.csv"), """
                project,gpu_type,date,gpu_hours
                vision-rl,H100,2027-01-04,120
                chat-sft,H100,2027-01-04,30.5
                """);

        CliRun refused = CliRun.of("kueue", "usage", "import", "--db", db, bad.toString());
        long storedAfterRefusal = stored(db, lab);
        CliRun imported = CliRun.of("kueue", "usage", "import", "--db", db, good.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err())
                .contains("line 3.gpu_type", "line 3.gpu_hours")
                .doesNotContain("Exception");
        assertThat(storedAfterRefusal).isZero();
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 day(s) new or changed");
        assertThat(stored(db, lab)).isEqualTo(1);
    }

    private static long stored(String db, Lab lab) {
        try (Store store = Store.open(db, null, null)) {
            return store.usage()
                    .usage(ProjectId.of("vision-rl"), LocalDate.MIN, LocalDate.MAX)
                    .size();
        }
    }
}
