package dev.allot.app;

import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.lab.LabYaml;
import dev.allot.lab.ScaledLab;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot lab ...}: the lab file (GPU pools, projects, asks, policy) as a lab operator keeps it in git. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = "Work with lab files (see docs/lab-file.md).",
        subcommands = {
            LabCommand.Example.class,
            LabCommand.Validate.class,
            LabCapacityCommand.class,
            dev.allot.app.server.LabImportCommand.class,
            dev.allot.app.server.LabExportCommand.class,
            dev.allot.app.simulate.LabFromTraceCommand.class
        })
public final class LabCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the demo lab as YAML. */
    @Command(
            name = "example",
            mixinStandardHelpOptions = true,
            description = {
                "Print the demo lab (300 projects, generated from a seed) as a lab file, with --over-time the cycle 'allot demo' plans (its arrival, maintenance weekend and two reserved blocks), or with --size a lab of that many projects."
            })
    static final class Example implements Callable<Integer> {
        static final int MAX_SIZE = 100_000;

        @Option(
                names = "--seed",
                defaultValue = "42",
                description = "Seed of the generated lab (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "Write a lab of N projects instead (copies of the demo portfolio on a fleet scaled to"
                        + " match, from 1 to " + MAX_SIZE + "), e.g. --size 30000 for a scale test.")
        Integer size;

        @Option(
                names = "--over-time",
                description = "Write the demo lab with the timeline 'allot demo' plans: 256 new H200 in week five, 128"
                        + " H100 down for a weekend in week six, and two reserved blocks.")
        boolean overTime;

        @java.lang.Override
        public Integer call() {
            if (size != null && (size < 1 || size > MAX_SIZE)) {
                throw dev.allot.core.AllotException.invalid(
                        "BAD_FLAG", "Flag --size must be between 1 and " + MAX_SIZE + " (value: " + size + ").");
            }
            if (size != null && overTime) {
                throw dev.allot.core.AllotException.invalid(
                        "BAD_FLAG",
                        "Flags --size and --over-time do not go together: the timeline is the demo lab's. Maybe drop"
                                + " one of them?");
            }
            Lab lab = size != null
                    ? ScaledLab.ofSize(seed, size)
                    : overTime ? DemoLab.withTimeline(DemoLab.generate(seed)) : DemoLab.generate(seed);
            System.out.print(LabYaml.write(lab));
            System.out.flush();
            return Cli.OK;
        }
    }

    /** Checks a lab file and lists every problem at once. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Check a lab file and list every problem at once.",
                "Exit code 0 when valid, 2 when it has problems."
            })
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The lab file to check.")
        Path file;

        @picocli.CommandLine.Mixin
        LabFileOptions labFile;

        @java.lang.Override
        public Integer call() {
            Lab lab = labFile.read(file);
            System.out.printf(
                    "%s is valid: lab %s, cycle %s, %d GPU types, %d pools, %d projects (%d asks).%n",
                    file,
                    lab.name(),
                    lab.cycle(),
                    lab.gpuTypes().size(),
                    lab.pools().size(),
                    lab.projects().size(),
                    lab.asks().size());
            return Cli.OK;
        }
    }
}
