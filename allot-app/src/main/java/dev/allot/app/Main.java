package dev.allot.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code allot} command line. */
@Command(
        name = "allot",
        mixinStandardHelpOptions = true,
        version = "allot 0.1.0",
        description = "Decides and enforces who gets the GPUs in a research lab.",
        subcommands = {
            DemoCommand.class,
            PlanCommand.class,
            LabCommand.class,
            BenchCommand.class,
            dev.allot.app.slurm.SlurmCommand.class,
            dev.allot.app.kueue.KueueCommand.class,
            dev.allot.app.simulate.SimulateCommand.class,
            dev.allot.app.server.ServeCommand.class,
            dev.allot.app.server.TokenCommand.class,
            dev.allot.app.server.StoreCommand.class,
            dev.allot.app.server.CycleCommand.class,
            dev.allot.app.evidence.EvidenceCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        return Cli.configure(new CommandLine(new Main())).execute(args);
    }

    @java.lang.Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
