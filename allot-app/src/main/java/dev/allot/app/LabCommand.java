package dev.allot.app;

import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.lab.LabYaml;
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
            description = "Print the demo lab (about 300 projects, generated from a seed) as a lab file.")
    static final class Example implements Callable<Integer> {
        @Option(
                names = "--seed",
                defaultValue = "42",
                description = "Seed of the generated lab (default: ${DEFAULT-VALUE}).")
        long seed;

        @java.lang.Override
        public Integer call() {
            System.out.print(LabYaml.write(DemoLab.generate(seed)));
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

        @java.lang.Override
        public Integer call() {
            Lab lab = LabYaml.read(Cli.read(file, "Lab file"), file.toString());
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
