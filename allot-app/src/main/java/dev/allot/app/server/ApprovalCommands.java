package dev.allot.app.server;

import dev.allot.application.PublishCheck;
import dev.allot.core.guard.GuardWarning;
import dev.allot.store.Approval;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot cycle approve|withdraw|check}: the deciders' sign-off on a draft, from the console. */
final class ApprovalCommands {
    private ApprovalCommands() {}

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Approve the cycle's current draft (act as a decider: --as NAME --as-role decider);"
                    + " any change to the draft voids approvals.")
    static final class Approve implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Option(names = "--draft", description = "The draft version you reviewed; refused if it changed since.")
        Integer draftVersion;

        @Override
        public Integer call() {
            return store.runUseCases(application ->
                    print(application.approvals().approve(CycleCommand.cycleId(id), draftVersion, store.actor())));
        }
    }

    @Command(
            name = "withdraw",
            mixinStandardHelpOptions = true,
            description = "Withdraw your approval of the cycle's draft.")
    static final class Withdraw implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Override
        public Integer call() {
            return store.runUseCases(
                    application -> print(application.approvals().withdraw(CycleCommand.cycleId(id), store.actor())));
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "What stands between the draft and its publication: approvals, guard-rail warnings"
                    + " (acknowledge each with publish --ack CODE=REASON) and plan invariants.")
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE")
        String id;

        @Override
        public Integer call() {
            return store.runUseCases(
                    application -> print(application.approvals().check(CycleCommand.cycleId(id))));
        }
    }

    static void print(PublishCheck check) {
        System.out.printf(
                "Cycle %s draft v%d (content %s): %d of %d approval(s)%s%n",
                check.cycle(),
                check.draftVersion(),
                check.contentHash().substring(0, 12),
                check.approvers().size(),
                check.requiredApprovals(),
                check.approvers().isEmpty() ? "" : " by " + String.join(", ", check.approvers()));
        for (Approval voided : check.voided()) {
            System.out.printf(
                    "  voided: %s's approval of v%d (%s)%n",
                    voided.decider(), voided.draftVersion(), voided.voidReason());
        }
        for (GuardWarning warning : check.warnings()) {
            System.out.printf("  warning %s: %s%n", warning.rule().code(), warning.message());
        }
        for (String violation : check.invariantViolations()) {
            System.out.printf("  invariant broken: %s%n", violation);
        }
        String rules = check.warnings().stream()
                .map(warning -> warning.rule().code())
                .distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        String reasons = "one reason per guard rule (publish --ack CODE=REASON): " + rules + ".";
        if (check.publishable()) {
            System.out.println("Ready to publish" + (rules.isEmpty() ? "." : " with " + reasons));
        } else {
            System.out.println("Not ready to publish." + (rules.isEmpty() ? "" : " Publishing will need " + reasons));
        }
    }
}
