package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The audit log's high-water mark is what every server's caches are keyed by, so it must move with every committed
 * change, also when a transaction that took its id first commits after one that took a later id (ids are handed
 * out when a row is inserted, not when its transaction commits).
 */
class AuditHighWaterTest {
    @Test
    void aChangeCommittedAfterALaterOneStillMovesTheMark() throws SQLException {
        String url = Databases.postgresUrl();
        try (Store store = Store.open(url, "postgres", "postgres");
                Connection slow = DriverManager.getConnection(url, "postgres", "postgres");
                Connection fast = DriverManager.getConnection(url, "postgres", "postgres")) {
            store.lab().importLab(TestLabs.shaped(2, 42).build(), Actor.system("test"));
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);

            audit(slow, "slow");
            audit(fast, "fast");
            fast.commit();
            long seen = store.audit().highWater();
            slow.commit();
            long after = store.audit().highWater();

            assertThat(after)
                    .as("the slow change committed after the mark was read")
                    .isNotEqualTo(seen);
            assertThat(store.audit().highWater()).isEqualTo(after);
        }
    }

    private static void audit(Connection connection, String who) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO audit_entry (at, actor, action, entity, entity_id)"
                + " VALUES (CURRENT_TIMESTAMP, ?, 'update', 'project', 'project-0')")) {
            insert.setString(1, who);
            insert.executeUpdate();
        }
    }
}
