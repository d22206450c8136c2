package dev.allot.app.server;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.PlanDiff;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot cycle ...}: the review cycle workflow from the console. */
@Command(
        name = "cycle",
        mixinStandardHelpOptions = true,
        description = "Review cycles: open -> review -> draft -> published -> closed.",
        subcommands = {
            CycleCommand.ListCycles.class,
            CycleCommand.Create.class,
            CycleCommand.Move.class,
            CycleCommand.Solve.class,
            CycleCommand.Diff.class,
            CycleCommand.Budgets.class,
            CycleBlocksCommand.class,
            CycleValueModelsCommand.class,
            ApprovalCommands.Approve.class,
            ApprovalCommands.Withdraw.class,
            ApprovalCommands.Check.class,
            AssignmentCommands.ListAssignments.class,
            AssignmentCommands.Assign.class,
            CycleCommand.Publish.class
        })
public final class CycleCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cycles, newest first.")
    static final class ListCycles implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                for (Versioned<Cycle> cycle : application.reads().cycles()) {
                    int versions =
                            application.reads().published(cycle.value().id()).size();
                    System.out.printf(
                            "%-12s %s  %-9s  %d published version(s)%n",
                            cycle.value().id(),
                            cycle.value().start(),
                            cycle.value().state().label(),
                            versions);
                }
            });
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a cycle in state open, with the whole policy of the previous cycle (or the"
                    + " default) and every active project's ask carried over until its lead confirms or edits it.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
        String id;

        @Option(names = "--start", required = true, description = "First day, YYYY-MM-DD.")
        LocalDate start;

        @Option(
                names = "--ask-deadline",
                description = "Date by which leads write or confirm their asks, YYYY-MM-DD (optional).")
        LocalDate askDeadline;

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                var created = application
                        .cycles()
                        .create(
                                cycleId(id),
                                start,
                                java.util.function.UnaryOperator.identity(),
                                askDeadline,
                                store.actor());
                long carried = application.reads().asks(created.value().id()).size();
                System.out.printf(
                        "Cycle %s created (open, starts %s%s); %d ask(s) carried over for their leads to confirm.%n",
                        id, start, askDeadline == null ? "" : ", asks due " + askDeadline, carried);
            });
        }
    }

    @Command(
            name = "move",
            mixinStandardHelpOptions = true,
            description = "Move a cycle to its next state (review, draft, published, closed).")
    static final class Move implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "CYCLE")
        String id;

        @Parameters(index = "1", paramLabel = "STATE")
        String to;

        @Override
        public Integer call() {
            CycleState target = CycleState.parse(to);
            if (target == null) {
                throw AllotException.invalid(
                        "unknown-state",
                        "STATE: '" + to + "' is not a cycle state. Maybe one of "
                                + Arrays.stream(CycleState.values())
                                        .map(CycleState::label)
                                        .toList() + "?");
            }
            return store.runUseCases(application -> {
                application.cycles().transition(cycleId(id), target, null, store.actor());
                System.out.printf("Cycle %s is now %s.%n", id, target.label());
            });
        }
    }

    @Command(
            name = "solve",
            mixinStandardHelpOptions = true,
            description = "Solve the cycle as stored (policy, pins, overrides) and save it as the draft plan.")
    static final class Solve implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Override
        public Integer call() {
            return store.runSolving(application -> {
                StoredPlan draft = application
                        .drafts()
                        .solve(cycleId(id), store.actor(), null)
                        .draft();
                Plan plan = draft.plan();
                System.out.printf(
                        "Draft %d of cycle %s: %d projects, %s solve, gap %.4f.%n",
                        draft.version(),
                        id,
                        plan.projects().size(),
                        plan.solve().status().name().toLowerCase(java.util.Locale.ROOT),
                        plan.solve().gap());
            });
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "What the draft (or latest published plan) changes against the previous cycle's plan.")
    static final class Diff implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                PlanDiff diff = application.reads().diff(cycleId(id));
                System.out.printf(
                        "Cycle %s against %s%n",
                        id, diff.previousCycle().map(CycleId::value).orElse("no previous plan"));
                diff.projects()
                        .forEach(p -> System.out.printf(
                                "  %-24s %-9s %-16s -> %-16s %+d%s%n",
                                p.project(),
                                p.change(),
                                p.previous(),
                                p.grant(),
                                p.changeGpus(),
                                p.typeMove().isEmpty() ? "" : "  " + p.typeMove()));
                diff.byCategory()
                        .forEach((category, totals) -> System.out.printf(
                                "  category %-14s %d -> %d%n", category, totals.previousGpus(), totals.grantedGpus()));
                diff.byGpuType()
                        .forEach((type, totals) -> System.out.printf(
                                "  type %-18s %d -> %d%n", type, totals.previousGpus(), totals.grantedGpus()));
            });
        }
    }

    @Command(
            name = "budgets",
            mixinStandardHelpOptions = true,
            description = "Show the cycle's GPU-hour budgets burning down: GPU-hours used (usage recorded since the"
                    + " cycle start), left, the mean of the last 7 days and the day the budget ran out or, at that"
                    + " rate, will; 'RUNS OUT' marks one that runs out before the cycle ends.")
    static final class Budgets implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
        String id;

        @Option(
                names = "--at",
                paramLabel = "DATE",
                description = "Count usage up to this day (yyyy-MM-dd; default: today).")
        LocalDate at;

        @Override
        public Integer call() {
            LocalDate today = at == null ? LocalDate.now(java.time.ZoneOffset.UTC) : at;
            return store.runUseCases(application -> {
                var statuses = application.usage().budgetStatus(cycleId(id), today);
                if (statuses.isEmpty()) {
                    System.out.println("Cycle " + id + " has no GPU-hour budgets.");
                    return;
                }
                System.out.printf(
                        "Budgets of cycle %s on %s (cycle ends %s)%n",
                        id, today, statuses.get(0).cycleEnd());
                statuses.forEach(status -> {
                    var burn = status.burn();
                    System.out.printf(
                            java.util.Locale.ROOT,
                            "  %-32s %-6s %10.0f used of %10.0f, %10.0f left, %8.1f/day, %s%s%n",
                            burn.budget().ownerText(),
                            burn.budget().gpuType(),
                            burn.usedGpuHours(),
                            burn.budget().gpuHours(),
                            burn.remainingGpuHours(),
                            burn.gpuHoursPerDay(),
                            burn.exhaustedOn()
                                    .map(day -> (burn.spent() ? "spent " : "runs out ") + day)
                                    .orElse("not burning"),
                            status.runsOut() ? "  RUNS OUT" : "");
                });
            });
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = "Publish the draft as the next immutable plan version (act as a decider: --as-role decider);"
                    + " needs the policy's approvals and a reason for every guard-rail warning (see cycle check).")
    static final class Publish implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Option(names = "--note", defaultValue = "", description = "Why this version (e.g. what it corrects).")
        String note;

        @Option(
                names = "--ack",
                paramLabel = "CODE=REASON",
                description = "Acknowledge a guard rule's warnings with one reason (repeat per rule, see cycle check).")
        Map<String, String> reasons = new LinkedHashMap<>();

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                StoredPlan published = application.approvals().publish(cycleId(id), null, reasons, note, store.actor());
                System.out.printf(
                        "Published cycle %s version %d%s.%n",
                        id,
                        published.version(),
                        published.supersedes() == null ? "" : " (supersedes the previous version)");
            });
        }
    }

    public static CycleId cycleId(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw AllotException.invalid(
                    "invalid-cycle", "CYCLE: '" + id + "' is not a cycle id (a-z, 0-9, '.', '_', '-'). Maybe 2027-01?");
        }
        return CycleId.of(id);
    }
}
