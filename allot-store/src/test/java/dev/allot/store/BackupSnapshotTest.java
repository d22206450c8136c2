package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup reads every table as of one moment: a change committed by another connection after the backup's first
 * read is in none of its tables, even one it reads later (what a plan published during a backup needs).
 */
class BackupSnapshotTest {
    @TempDir
    Path folder;

    @Test
    void aWriteCommittedAfterTheFirstReadIsInvisibleToTablesReadLater() throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath();
        try (Connection writer = DriverManager.getConnection(url, "", "")) {
            try (Statement ddl = writer.createStatement()) {
                ddl.execute("CREATE TABLE plan_row (id INT)");
                ddl.execute("CREATE TABLE grant_row (plan_id INT)");
            }
            AtomicLong grantsSeen = new AtomicLong(-1);
            Jdbi.create(url, "", "")
                    .useHandle(handle -> StoreBackup.inSnapshot(handle, () -> {
                        handle.createQuery("SELECT COUNT(*) FROM plan_row")
                                .mapTo(Long.class)
                                .one();
                        // another process publishes: a plan row and its grant rows, in one transaction
                        try (Statement publish = writer.createStatement()) {
                            writer.setAutoCommit(false);
                            publish.execute("INSERT INTO plan_row VALUES (1)");
                            publish.execute("INSERT INTO grant_row VALUES (1)");
                            writer.commit();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        grantsSeen.set(handle.createQuery("SELECT COUNT(*) FROM grant_row")
                                .mapTo(Long.class)
                                .one());
                    }));
            assertThat(grantsSeen.get())
                    .as("the grant rows committed after the backup's first read")
                    .isZero();
            try (Statement read = writer.createStatement();
                    ResultSet rows = read.executeQuery("SELECT COUNT(*) FROM grant_row")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }
}
