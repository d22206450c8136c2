package dev.allot.app.server;

import dev.allot.app.Cli;
import dev.allot.store.Store;
import dev.allot.store.StoreBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code allot store backup|restore}: the only supported way to copy the embedded store. Both work while
 * {@code allot serve} runs on the same file (the second process reaches the database through the first).
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Back up and restore the embedded store.",
        subcommands = {StoreCommand.Backup.class, StoreCommand.Restore.class})
public final class StoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A consistent snapshot of the live store, taken online. */
    @Command(
            name = "backup",
            mixinStandardHelpOptions = true,
            description = {
                "Write a consistent backup of the embedded store to FILE (SQL text), also while 'allot serve' runs.",
                "PostgreSQL stores are backed up with pg_dump."
            })
    static final class Backup implements Callable<Integer> {
        @Mixin
        StoreConnection connection;

        @Parameters(paramLabel = "FILE", description = "Where to write the backup; must not exist yet.")
        Path file;

        @Override
        public Integer call() {
            StoreBackup.requireH2(connection.url(), "backup");
            try (Store store = connection.open()) {
                StoreBackup.backup(store, connection.url(), file);
            }
            System.out.println("Backed up " + connection.url() + " to "
                    + file.toAbsolutePath().normalize() + ".");
            return Cli.OK;
        }
    }

    /** Loads a backup into a new, empty store. */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = {
                "Load a backup written by 'allot store backup' into a new, empty store (--db).",
                "Refuses a store that holds data: stop Allot and move the old allot-data/ aside first."
            })
    static final class Restore implements Callable<Integer> {
        @Mixin
        StoreConnection connection;

        @Parameters(paramLabel = "FILE", description = "A backup written by 'allot store backup'.")
        Path file;

        @Override
        public Integer call() {
            StoreBackup.restore(connection.url(), file);
            System.out.println("Restored " + file.toAbsolutePath().normalize() + " into " + connection.url() + ".");
            return Cli.OK;
        }
    }
}
