package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Online, consistent backups of the embedded H2 store, and restoring one into a new, empty store. A backup is H2's
 * logical export (SQL text, {@code SCRIPT TO}) read in one snapshot transaction while the server keeps
 * writing; nothing opens the live file behind the database's back. PostgreSQL has its own tools ({@code pg_dump},
 * {@code pg_restore}), which these commands name rather than imitate.
 */
public final class StoreBackup {
    private StoreBackup() {}

    /** Writes a consistent snapshot of {@code store} to {@code file} (which must not exist yet). */
    public static void backup(Store store, String url, Path file) {
        requireH2(url, "backup");
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "backup-exists",
                    "FILE: " + target + " already exists; a backup never overwrites one. Maybe add the date to the"
                            + " name?");
        }
        store.read(handle -> {
            inSnapshot(handle, () -> handle.execute("SCRIPT TO " + literal(target)));
            return null;
        });
    }

    /**
     * Runs {@code work} in one transaction at H2's SNAPSHOT isolation: every table as of the transaction's start.
     * (H2's REPEATABLE READ takes each table's snapshot at its first read, so a publish committed while SCRIPT walks
     * the tables could leave a plan row without its grant rows in the backup.) The connection's level is restored
     * afterwards, since it goes back to the pool.
     */
    static void inSnapshot(org.jdbi.v3.core.Handle handle, Runnable work) {
        try {
            java.sql.Connection connection = handle.getConnection();
            int before = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                work.run();
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(before);
            }
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e); // the store translates it like any other failure
        }
    }

    /**
     * Loads the backup {@code file} into the empty store at {@code url}, then opens it once so later migrations
     * apply. Refuses a store that already holds data: restoring never merges into or overwrites a live store.
     */
    public static void restore(String url, Path file) {
        requireH2(url, "restore");
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new AllotException(
                    Kind.NOT_FOUND,
                    "backup-not-found",
                    "FILE: " + source + " does not exist. Maybe the path of a file 'allot store backup' wrote?");
        }
        try (Connection connection = DriverManager.getConnection(Store.embedded(url), "", "")) {
            if (holdsData(connection)) {
                throw new AllotException(
                        Kind.CONFLICT,
                        "store-not-empty",
                        "--db: the store at " + url + " already holds data; restore fills only a new, empty store."
                                + " Maybe stop Allot, move allot-data/ aside, and restore again?");
            }
            connection.setAutoCommit(false);
            try (Statement run = connection.createStatement()) {
                run.execute("RUNSCRIPT FROM " + literal(source));
            }
            connection.commit();
            connection.createStatement().execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "backup-unreadable",
                    "FILE: " + source + " is not a backup this store can load: " + firstLine(e.getMessage())
                            + ". Maybe a file 'allot store backup' wrote, unchanged?",
                    List.of(),
                    e);
        }
        Store.open(url, null, null).close();
    }

    private static boolean holdsData(Connection connection) throws SQLException {
        try (ResultSet tables = connection
                .createStatement()
                .executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            tables.next();
            return tables.getInt(1) > 0;
        }
    }

    /** Refuses, before anything is opened, a store these commands do not handle (PostgreSQL, in-memory). */
    public static void requireH2(String url, String command) {
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "backup-use-pg-dump",
                    "--db: 'allot store " + command + "' handles the embedded H2 store; a PostgreSQL store is backed"
                            + " up and restored with PostgreSQL's own tools. Maybe 'pg_dump -Fc -f allot.dump allot'"
                            + " and 'pg_restore -d allot allot.dump'?");
        }
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            throw AllotException.invalid(
                    "backup-needs-file",
                    "--db: '" + url + "' is not an embedded store file. Maybe jdbc:h2:file:./allot-data/allot?");
        }
    }

    /** A file name as an SQL string literal (H2 takes no parameter there). */
    private static String literal(Path file) {
        return "'" + file.toString().replace("'", "''") + "'";
    }

    private static String firstLine(String text) {
        String value = String.valueOf(text);
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }
}
