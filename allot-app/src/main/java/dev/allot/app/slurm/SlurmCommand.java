package dev.allot.app.slurm;

import dev.allot.app.Cli;
import dev.allot.app.EnforcedPlanInput;
import dev.allot.app.PlanInput;
import dev.allot.core.AllotException;
import dev.allot.slurm.ApplyResult;
import dev.allot.slurm.ChangeSet;
import dev.allot.slurm.ChangeSummary;
import dev.allot.slurm.DesiredState;
import dev.allot.slurm.ReservationScript;
import dev.allot.slurm.SacctmgrScript;
import dev.allot.slurm.SlurmCompiler;
import dev.allot.slurm.SlurmEnforcer;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
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
                    + " caps per type, a reservation per reserved block) and read usage back. See docs/slurm.md.",
            "The plan is a cycle's published one (--cycle ID|current, from the store or --server) or a plan file"
                    + " with its lab (--lab FILE --plan FILE); runs with --cycle are recorded against the cycle."
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
        EnforcedPlanInput input;

        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--at",
                paramLabel = "DATE",
                description = "Compute limits as of this day (yyyy-MM-dd): dated yields before it are in force"
                        + " (default: today).")
        LocalDate at;

        @Option(
                names = "--replan",
                description = "With --lab/--demo and no --plan: plan the lab now (can take a minute) and enforce that.")
        boolean replan;

        @Option(
                names = "--prune",
                description = "Set the GPU caps of accounts in Allot's subtree that the plan does not know to 0.")
        boolean prune;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        DesiredState desired() {
            if (input.given() && !input.hasPlanFile() && !replan) {
                throw AllotException.invalid(
                        "BAD_FLAG",
                        "No plan given: enforcement applies a published plan. Maybe --plan plan.yaml (written by"
                                + " 'allot plan --format yaml'), or --replan to plan the lab now?");
            }
            PlanInput.Loaded loaded = input.loadChecked();
            return SlurmCompiler.compile(
                            loaded.plan(), loaded.lab(), cluster.config(), at == null ? LocalDate.now() : at)
                    .withPrune(prune);
        }

        SlurmEnforcer enforcer() {
            return new SlurmEnforcer(cluster.cli());
        }

        /** Runs {@code work} against the cluster; a failure is recorded against the cycle before it is reported. */
        <T> T recordingFailure(DesiredState desired, String mode, java.util.function.Supplier<T> work) {
            try {
                return work.get();
            } catch (AllotException failure) {
                input.record("slurm", desired.cluster(), mode, null, null, 1, failure.getMessage());
                throw failure;
            }
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(List<String> lines) {
            lines.forEach(out()::println);
            out().flush();
        }
    }

    /** One line per reserved block of the plan that has not ended, with its days and reservation. */
    static List<String> blockLines(DesiredState desired) {
        return desired.reservations().stream()
                .map(reservation -> "  block: " + reservation.blockLine())
                .toList();
    }

    /** {@code allot slurm diff}: what an apply would change. */
    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "Read the cluster's accounts and limits (sacctmgr show assoc) and reservations (scontrol show"
                    + " reservation) and print what apply would change.")
    static final class Diff extends Enforcing {
        @Option(
                names = "--commands",
                description = "Also print the sacctmgr input and the scontrol reservation commands apply would run.")
        boolean commands;

        @Override
        public Integer call() {
            DesiredState desired = desired();
            ChangeSet changes =
                    recordingFailure(desired, "dry-run", () -> enforcer().diff(desired));
            input.record(
                    "slurm", desired.cluster(), "dry-run", changes.changes().size(), null, 0, "");
            print(changes.describe());
            print(blockLines(desired));
            if (commands && !changes.isEmpty()) {
                out().print(SacctmgrScript.render(changes).toText());
                out().print(ReservationScript.render(changes).toText());
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
        @Option(names = "--yes", description = "Apply without asking (for scripts; required without a terminal).")
        boolean yes;

        @Option(
                names = "--reset-usage",
                description =
                        "After a successful apply, set RawUsage to 0 on every project or category account with a GPU-hour"
                                + " budget, so that a new cycle's budgets count from zero (run it on the cycle's first apply"
                                + " only; unused budget does not carry over).")
        boolean resetUsage;

        @Override
        public Integer call() {
            DesiredState desired = desired();
            java.io.Console console = System.console();
            if (!yes && console == null) {
                throw AllotException.invalid(
                        "slurm.apply.unconfirmed",
                        "Apply would change cluster " + desired.cluster() + " without confirmation: there is no"
                                + " terminal to ask on. Maybe pass --yes (see first what changes with 'allot slurm"
                                + " diff')?");
            }
            SlurmEnforcer enforcer = enforcer();
            ChangeSet changes = recordingFailure(desired, "apply", () -> enforcer.diff(desired));
            print(List.of(ChangeSummary.of(changes)));
            if (!changes.isEmpty() && !yes) {
                print(changes.describe());
                String answer = console.readLine("Apply these changes to cluster %s? [y/N] ", desired.cluster());
                if (answer == null
                        || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                    print(List.of("nothing changed"));
                    return Cli.FAILED;
                }
            }
            ApplyResult result = recordingFailure(desired, "apply", () -> enforcer.apply(desired));
            input.record(
                    "slurm",
                    desired.cluster(),
                    "apply",
                    result.applied().size(),
                    null,
                    result.notApplied().size() + result.errors().size(),
                    result.errors().isEmpty() ? "" : result.errors().get(0));
            print(result.describe());
            if (resetUsage && result.succeeded()) {
                var reset = recordingFailure(desired, "apply", () -> enforcer.resetUsage(desired));
                print(List.of("usage reset to 0 (budgets count from zero) on " + reset.size() + " account(s)"
                        + (reset.isEmpty() ? "" : ": " + String.join(", ", reset))));
            }
            return result.succeeded() ? Cli.OK : Cli.FAILED;
        }
    }

    /** {@code allot slurm drift}: differences from the published plan. */
    @Command(
            name = "drift",
            mixinStandardHelpOptions = true,
            description = {
                "Report accounts, limits and block reservations that differ from the plan (edited by hand, made"
                        + " or deleted outside Allot) and accounts in Allot's subtree that the plan does not know, with"
                        + " the GPUs they still hold. Accounts outside the subtree (under other parents) and"
                        + " reservations not named by Allot belong to others and are not drift.",
                "Exit 0 when there is no drift, 1 when there is."
            })
    static final class Drift extends Enforcing {
        @Override
        public Integer call() {
            DesiredState desired = desired();
            ChangeSet drift =
                    recordingFailure(desired, "drift", () -> enforcer().drift(desired));
            input.record(
                    "slurm",
                    desired.cluster(),
                    "drift",
                    null,
                    drift.changes().size() + drift.unknownHoldingGpus().size(),
                    0,
                    "");
            if (drift.isEmpty() && drift.unknownHoldingGpus().isEmpty()) {
                out().println("no drift: cluster " + drift.cluster() + " matches the plan");
                drift.scheduled().forEach(line -> out().println("  scheduled: " + line));
                print(blockLines(desired));
                return Cli.OK;
            }
            out().println("drift on cluster " + drift.cluster() + " (apply repairs the changes; apply --prune zeroes"
                    + " unknown accounts):");
            print(drift.describe());
            print(blockLines(desired));
            return Cli.FAILED;
        }
    }
}
