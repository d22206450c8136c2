package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.app.server.StoreOptions;
import dev.allot.application.Usage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code allot kueue usage}: usage of a Kueue cluster, fed back to the store. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Usage of a Kueue cluster, fed back to the store for the board and the next cycle.",
        subcommands = {KueueUsageCommand.Import.class})
final class KueueUsageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code allot kueue usage import FILE.csv}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Record GPU-hours from a CSV with the header project,gpu_type,date,gpu_hours (one row per project,"
                        + " GPU type and day; see docs/kueue.md) in the store.",
                "Every bad row is reported with its line and field, and then nothing is imported; a day imported"
                        + " again replaces the earlier figure."
            })
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.csv", description = "The usage CSV.")
        Path file;

        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String text = Cli.read(file, "Usage CSV");
            PrintWriter out = spec.commandLine().getOut();
            return store.runUseCases(application -> {
                Usage.Recorded recorded = application.usage().importCsv(file.toString(), text, store.actor());
                out.printf("imported %s: %d day(s) new or changed%n", file, recorded.changedDays());
                out.flush();
            });
        }
    }
}
