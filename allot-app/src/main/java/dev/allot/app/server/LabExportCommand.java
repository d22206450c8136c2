package dev.allot.app.server;

import dev.allot.app.Cli;
import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.lab.LabYaml;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot lab export}: the store's lab for one cycle as a lab file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export the lab for a cycle (default: the newest) as a lab file, to --out or standard output.")
public final class LabExportCommand implements Callable<Integer> {
    @Mixin
    StoreConnection store;

    @Option(names = "--cycle", paramLabel = "CYCLE", description = "Which cycle (default: the newest).")
    String cycle;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        return store.withApplication(application -> {
            Reads reads = application.reads();
            CycleId id = cycle != null
                    ? CycleCommand.cycleId(cycle)
                    : reads.newestCycle()
                            .map(c -> c.value().id())
                            .orElseThrow(() -> new AllotException(
                                    AllotException.Kind.NOT_FOUND,
                                    "no-cycles",
                                    "The store holds no cycle yet. Maybe 'allot lab import FILE' first?"));
            String yaml = LabYaml.write(reads.lab(id));
            if (out == null) {
                System.out.print(yaml);
                System.out.flush();
            } else {
                Cli.write(out, yaml);
                System.err.printf("Wrote cycle %s to %s.%n", id, out);
            }
            return Cli.OK;
        });
    }
}
