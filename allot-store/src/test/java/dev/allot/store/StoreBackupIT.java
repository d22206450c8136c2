package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While another process keeps publishing into an embedded store file, this process opens the same file (a CLI
 * beside a running server), revokes a token and takes a backup; the backup restores into a new store whose plans
 * are all whole.
 */
class StoreBackupIT {
    private static final CycleId CYCLE = CycleId.of("2026-12");
    private static final Actor ROOT = new Actor("root", Role.ADMIN);

    @TempDir
    Path folder;

    @Test
    void aSecondProcessRevokesAndBacksUpWhileTheFirstPublishes() throws Exception {
        String live = "jdbc:h2:file:" + folder.resolve("live").resolve("allot");
        Path backup = folder.resolve("backup.sql");
        AtomicReference<String> revoked = new AtomicReference<>();
        CrashSafetyIT.runAndKill(live, null, null, () -> {
            try (Store beside = Store.open(live, null, null)) {
                String token = beside.tokens()
                        .create("ada", Role.DECIDER, "laptop", ROOT)
                        .token();
                assertThat(beside.tokens().revoke(token, ROOT)).isTrue();
                revoked.set(token);
                StoreBackup.backup(beside, live, backup);
            }
            return null;
        });

        assertThat(Files.size(backup)).isPositive();
        String restored = "jdbc:h2:file:" + folder.resolve("restored").resolve("allot");
        StoreBackup.restore(restored, backup);
        try (Store store = Store.open(restored, null, null)) {
            List<StoredPlan> versions = store.plans().published(CYCLE);
            assertThat(versions).isNotEmpty();
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i).version()).isEqualTo(i + 1);
                CrashSafetyIT.assertWhole(store, versions.get(i));
            }
            assertThat(store.tokens().authenticate(revoked.get())).isEmpty();
            assertThat(store.audit().list("token", null, 10)).isNotEmpty();
        }
    }

    @Test
    void restoreFillsOnlyAnEmptyStoreAndBackupNeverOverwrites() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("a").resolve("allot");
        Path backup = folder.resolve("a.sql");
        try (Store store = Store.open(url, null, null)) {
            store.lab().importLab(TestLabs.shaped(5, 1).build(), ROOT);
            StoreBackup.backup(store, url, backup);
            assertThatThrownBy(() -> StoreBackup.backup(store, url, backup))
                    .isInstanceOfSatisfying(
                            AllotException.class, e -> assertThat(e.code()).isEqualTo("backup-exists"));
        }
        assertThatThrownBy(() -> StoreBackup.restore(url, backup))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo("store-not-empty"));
        Path garbage = Files.writeString(folder.resolve("garbage.sql"), "this is not SQL");
        String fresh = "jdbc:h2:file:" + folder.resolve("b").resolve("allot");
        assertThatThrownBy(() -> StoreBackup.restore(fresh, garbage))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo("backup-unreadable"));
    }

    @Test
    void postgresIsSentToItsOwnTools() {
        assertThatThrownBy(() -> StoreBackup.restore("jdbc:postgresql://db:5432/allot", Path.of("x.sql")))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.getMessage()).contains("pg_dump").contains("pg_restore"));
    }
}
