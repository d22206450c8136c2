package dev.allot.app.slurm;

import dev.allot.app.Cli;
import dev.allot.app.PlanInput;
import dev.allot.slurm.ApplyResult;
import dev.allot.slurm.ChangeSet;
import dev.allot.slurm.DesiredState;
import dev.allot.slurm.SacctmgrScript;
import dev.allot.slurm.SlurmCompiler;
import dev.allot.slurm.SlurmEnforcer;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code allot slurm}: makes a Slurm cluster enforce a plan, and reads usage back. */
@Command(
        name = "slurm",
        mixinStandardHelpOptions = true,
        description = {
            "Enforce a plan on a Slurm cluster (accounts per project under their category, GrpTRES GPU"
                    + " caps per type) and read usage back. See docs/slurm.md."
        },
        subcommands = {SlurmCommand.Diff.class, SlurmCommand.Apply.class, SlurmCommand.Drift.class, UsageCommand.class})
public final class SlurmCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options of every command that compares a plan with the cluster. */
    abstract static class Enforcing implements Callable<Integer> {
        @Mixin
        PlanInput input;

        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--at",
                paramLabel = "DATE",
                description = "Compute limits as of this day (yyyy-MM-dd): dated yields before it are in force"
                        + " (default: today).")
        LocalDate at;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        DesiredState desired() {
            PlanInput.Loaded loaded = input.loadChecked();
            return SlurmCompiler.compile(
                    loaded.plan(), loaded.lab(), cluster.config(), at == null ? LocalDate.now() : at);
        }

        SlurmEnforcer enforcer() {
            return new SlurmEnforcer(cluster.cli());
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(Iterable<String> lines) {
            lines.forEach(out()::println);
            out().flush();
        }
    }

    /** {@code allot slurm diff}: what an apply would change. */
    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description =
                    "Read the cluster's accounts and limits (sacctmgr show assoc) and print what apply would change.")
    static final class Diff extends Enforcing {
        @Option(names = "--commands", description = "Also print the sacctmgr input apply would run.")
        boolean commands;

        @Override
        public Integer call() {
            ChangeSet changes = enforcer().diff(desired());
            print(changes.describe());
            if (commands && !changes.isEmpty()) {
                out().print(SacctmgrScript.render(changes).toText());
                out().flush();
            }
            return Cli.OK;
        }
    }

    /** {@code allot slurm apply}: change only what differs. */
    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Change only what differs, then read the cluster back and report what was and was not applied.",
                "A second apply of the same plan changes nothing. Exit 1 when something could not be applied."
            })
    static final class Apply extends Enforcing {
        @Override
        public Integer call() {
            ApplyResult result = enforcer().apply(desired());
            print(result.describe());
            return result.succeeded() ? Cli.OK : Cli.FAILED;
        }
    }

    /** {@code allot slurm drift}: differences from the published plan. */
    @Command(
            name = "drift",
            mixinStandardHelpOptions = true,
            description = {
                "Report accounts and limits that differ from the plan (edited by hand) and accounts no"
                        + " plan knows.",
                "Exit 0 when there is no drift, 1 when there is."
            })
    static final class Drift extends Enforcing {
        @Override
        public Integer call() {
            ChangeSet drift = enforcer().drift(desired());
            if (drift.isEmpty() && drift.unknownAccounts().isEmpty()) {
                out().println("no drift: cluster " + drift.cluster() + " matches the plan");
                drift.scheduled().forEach(line -> out().println("  scheduled: " + line));
                out().flush();
                return Cli.OK;
            }
            out().println("drift on cluster " + drift.cluster() + " (apply repairs the changes; unknown accounts are"
                    + " left alone):");
            print(drift.describe());
            return Cli.FAILED;
        }
    }
}
