package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmDifferTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final SlurmConfig CONFIG = SlurmConfig.defaults("ci").withExtraUsers(List.of("root"));

    private static PlanFixture fixture() {
        return PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .name("Vision: RL 'big'")
                .members("alice", "bob")
                .grant("H100", 16)
                .project("llm-prod", "product")
                .members("carol")
                .previous("H100", 16)
                .grant("H100", 8)
                .yieldBy("2026-12-15")
                .project("old-idea", "exploratory")
                .previous("A100", 8);
    }

    private static DesiredState desired(PlanFixture fixture) {
        return SlurmCompiler.compile(fixture.build(), fixture.lab(), CONFIG, DAY);
    }

    /** Show-assoc text for a cluster that already matches the desired state exactly. */
    static String liveTextOf(DesiredState state) {
        StringBuilder text = new StringBuilder("ci|root|||||normal\nci|root|root||||normal\n");
        for (DesiredAccount account : state.accounts()) {
            String tres = String.join(
                    ",",
                    account.limits().grpTres().entrySet().stream()
                            .map(entry -> entry.getKey() + "=" + entry.getValue())
                            .toList());
            String jobs = account.limits().grpJobs() < 0
                    ? ""
                    : Long.toString(account.limits().grpJobs());
            text.append("ci|")
                    .append(account.name())
                    .append("||")
                    .append(account.parent())
                    .append('|')
                    .append(tres)
                    .append('|')
                    .append(jobs)
                    .append("|normal|")
                    .append(AccountLimits.entries(account.limits().grpTresMins()))
                    .append('\n');
            account.users()
                    .forEach(user -> text.append("ci|")
                            .append(account.name())
                            .append('|')
                            .append(user)
                            .append("||||normal\n"));
        }
        return text.toString();
    }

    @Test
    void anEmptyClusterGetsEveryAccountAddedParentsFirst() {
        ChangeSet changes = SlurmDiffer.diff(desired(fixture()), LiveState.empty("ci"));

        assertThat(changes.changes()).allMatch(change -> change instanceof Change.AddAccount);
        assertThat(changes.changes())
                .extracting(Change::account)
                .containsExactly("exploratory", "product", "vision-rl", "llm-prod", "old-idea");
        Golden.assertMatches("fresh-diff.txt", String.join("\n", changes.describe()) + "\n");
        Golden.assertMatches("fresh-script.txt", SacctmgrScript.render(changes).toText());
    }

    @Test
    void aClusterThatMatchesThePlanNeedsNoChange() {
        DesiredState state = desired(fixture());

        ChangeSet changes = SlurmDiffer.diff(state, LiveStateParser.parse("ci", liveTextOf(state)));

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.unknownAccounts()).isEmpty();
        assertThat(changes.describe().get(0)).isEqualTo("cluster ci matches the plan: 0 changes");
        assertThat(SacctmgrScript.render(changes).isEmpty()).isTrue();
    }

    @Test
    void handEditsAreFoundAsDriftAndTheirRepairIsRendered() {
        DesiredState state = desired(fixture());
        String edited = liveTextOf(state)
                        .replace(
                                "ci|vision-rl||exploratory|gres/gpu=16,gres/gpu:a100=0,gres/gpu:h100=16|",
                                "ci|vision-rl||exploratory|cpu=8,gres/gpu=20,gres/gpu:a100=0,gres/gpu:h100=20|")
                        .replace("ci|llm-prod||product|", "ci|llm-prod||root|")
                        .replace("ci|vision-rl|bob||||normal\n", "ci|vision-rl|mallory||||normal\n")
                + "ci|side-project||root|gres/gpu=4||normal\n"
                + "ci|stale-one||exploratory|gres/gpu=4,gres/gpu:h100=4||normal\n"
                + "ci|stale-child||stale-one|||normal\n";

        ChangeSet drift = SlurmDiffer.diff(state, LiveStateParser.parse("ci", edited));

        Golden.assertMatches("drift-report.txt", String.join("\n", drift.describe()) + "\n");
        Golden.assertMatches(
                "drift-repair-script.txt", SacctmgrScript.render(drift).toText());
        assertThat(drift.unknownAccounts())
                .as("side-project hangs under root, outside Allot's subtree: another group's account")
                .containsExactly("stale-child", "stale-one");
        assertThat(drift.unknownHoldingGpus()).containsExactly("stale-child", "stale-one");
        assertThat(drift.parents())
                .as("the parent Slurm shows for each account whose limits change, for a load file")
                .containsEntry("vision-rl", "exploratory");
        ChangeSet pruned = SlurmDiffer.diff(state.withPrune(true), LiveStateParser.parse("ci", edited));
        assertThat(pruned.changes())
                .extracting(Change::describe)
                .contains("~ account stale-one: gres/gpu 4 -> 0, gres/gpu:a100 none -> 0, gres/gpu:h100 4 -> 0"
                        + " (lowers: running jobs keep running; new jobs pend until under the limit)");
    }

    @Test
    void aUserLeavingTheirDefaultAccountGetsAnotherDefaultFirst() {
        PlanFixture moved = PlanFixture.plan("H100")
                .project("vision-rl", "exploratory")
                .members("alice")
                .grant("H100", 8)
                .project("llm-prod", "product")
                .members("bob", "carol")
                .grant("H100", 8);
        DesiredState state = SlurmCompiler.compile(moved.build(), moved.lab(), CONFIG, DAY);
        String live = liveTextOf(state) + "ci|vision-rl|bob||||normal\nci|vision-rl|dave||||normal\n";
        LiveState current = LiveStateParser.parse("ci", live)
                .withDefaultAccounts(
                        LiveStateParser.parseDefaultAccounts("bob|vision-rl\ndave|vision-rl\nroot|root\n"));

        ChangeSet changes = SlurmDiffer.diff(state, current);

        assertThat(changes.changes())
                .extracting(Change::describe)
                .containsExactly(
                        "- users bob,dave from account vision-rl", "~ user bob: default account vision-rl -> llm-prod");
        assertThat(SacctmgrScript.render(changes).commands())
                .containsExactly(
                        "modify user where name=bob cluster=ci set DefaultAccount=llm-prod",
                        "delete user where name=bob account=vision-rl cluster=ci",
                        "delete user where name=dave account=vision-rl cluster=ci");
    }

    @Test
    void aBudgetBecomesGrpTresMinsThatApplySetsOnceAndRemovesWhenTheBudgetIsGone() {
        PlanFixture budgeted =
                fixture().project("lang-pre", "exploratory").grant("H100", 8).budget("H100", 2.5);
        DesiredState withBudget = desired(budgeted);
        DesiredState withoutBudget =
                desired(fixture().project("lang-pre", "exploratory").grant("H100", 8));

        assertThat(withBudget.byName().get("lang-pre").limits().grpTresMins())
                .containsExactly(java.util.Map.entry("gres/gpu:h100", 150L));
        LiveState matching = LiveStateParser.parse("ci", liveTextOf(withBudget));
        assertThat(SlurmDiffer.diff(withBudget, matching).changes()).isEmpty();

        ChangeSet set = SlurmDiffer.diff(withBudget, LiveStateParser.parse("ci", liveTextOf(withoutBudget)));
        assertThat(set.changes()).singleElement().isInstanceOf(Change.SetLimits.class);
        assertThat(set.changes().get(0).describe())
                .isEqualTo("~ account lang-pre: GrpTRESMins gres/gpu:h100 none -> 150 GPU-minutes (budget) (lowers:"
                        + " running jobs keep running; new jobs pend until under the limit)");
        assertThat(SacctmgrScript.render(set).commands())
                .containsExactly("modify account where name=lang-pre cluster=ci set GrpTRESMins=gres/gpu:h100=150");

        ChangeSet removal = SlurmDiffer.diff(withoutBudget, matching);
        assertThat(SacctmgrScript.render(removal).commands())
                .containsExactly("modify account where name=lang-pre cluster=ci set GrpTRESMins=gres/gpu:h100=-1");
    }

    @Test
    void aCategoryBudgetBecomesGrpTresMinsOnTheCategoryAccountAndItsUsageIsResetWithTheCycle() {
        PlanFixture budgeted = fixture()
                .project("lang-pre", "exploratory")
                .grant("H100", 8)
                .categoryBudget("exploratory", "H100", 20_000);
        DesiredState withBudget = desired(budgeted);
        DesiredState withoutBudget =
                desired(fixture().project("lang-pre", "exploratory").grant("H100", 8));
        String category = CONFIG.accountFor(dev.allot.core.model.CategoryId.of("exploratory"));

        assertThat(withBudget.byName().get(category).limits().grpTresMins())
                .containsExactly(java.util.Map.entry("gres/gpu:h100", 1_200_000L));
        assertThat(withBudget.byName().get("lang-pre").limits().grpTresMins()).isEmpty();
        assertThat(withBudget.byName().get("vision-rl").limits().grpTresMins()).isEmpty();
        LiveState matching = LiveStateParser.parse("ci", liveTextOf(withBudget));
        assertThat(SlurmDiffer.diff(withBudget, matching).changes()).isEmpty();

        ChangeSet set = SlurmDiffer.diff(withBudget, LiveStateParser.parse("ci", liveTextOf(withoutBudget)));
        assertThat(set.changes()).singleElement().isInstanceOf(Change.SetLimits.class);
        assertThat(set.changes().get(0).describe())
                .startsWith(
                        "~ account " + category + ": GrpTRESMins gres/gpu:h100 none -> 1200000 GPU-minutes (budget)");
        assertThat(SacctmgrScript.render(set).commands())
                .containsExactly(
                        "modify account where name=" + category + " cluster=ci set GrpTRESMins=gres/gpu:h100=1200000");
        assertThat(SlurmEnforcer.budgetedAccounts(withBudget)).containsExactly(category);
        assertThat(SacctmgrScript.render(SlurmDiffer.diff(withBudget, LiveState.empty("ci")))
                        .loadFile())
                .contains("Account - '" + category + "'")
                .contains(":GrpTRESMins='gres/gpu:h100=1200000'");
    }

    @Test
    void aNewAccountIsAddedWithItsBudget() {
        DesiredState state = desired(PlanFixture.plan("H100")
                .project("lang-pre", "exploratory")
                .grant("H100", 8)
                .budget("H100", 100));

        List<String> commands = SacctmgrScript.render(SlurmDiffer.diff(state, LiveState.empty("ci")))
                .commands();

        assertThat(commands)
                .anyMatch(command -> command.startsWith("add account lang-pre ")
                        && command.endsWith(" GrpTRESMins=gres/gpu:h100=6000"));
    }

    @Test
    void raisingALimitIsNotALoweringButAddingAHoldIs() {
        Change.SetLimits raise = new Change.SetLimits(
                "a",
                new AccountLimits(java.util.Map.of("gres/gpu", 4L), -1),
                new AccountLimits(java.util.Map.of("gres/gpu", 8L), -1));
        Change.SetLimits hold = new Change.SetLimits(
                "a",
                new AccountLimits(java.util.Map.of("gres/gpu", 4L), -1),
                new AccountLimits(java.util.Map.of("gres/gpu", 0L), 0));
        Change.SetLimits firstLimit =
                new Change.SetLimits("a", AccountLimits.NONE, new AccountLimits(java.util.Map.of("gres/gpu", 8L), -1));

        assertThat(raise.lowers()).isFalse();
        assertThat(hold.lowers()).isTrue();
        assertThat(hold.describe())
                .isEqualTo("~ account a: gres/gpu 4 -> 0, GrpJobs none -> 0 (kill: new jobs are"
                        + " held) (lowers: running jobs keep running; new jobs pend until under the limit)");
        assertThat(firstLimit.lowers()).isTrue();
    }

    @Test
    void aKilledProjectStaysHeldInTheNextCyclesUntilItIsGrantedGpusAgain() {
        PlanFixture killed =
                PlanFixture.plan("H100").project("old-idea", "exploratory").previous("H100", 8);
        String held = liveTextOf(desired(killed));
        PlanFixture nextCycle = PlanFixture.plan("H100").project("old-idea", "exploratory");
        PlanFixture revived =
                PlanFixture.plan("H100").project("old-idea", "exploratory").grant("H100", 8);

        ChangeSet next = SlurmDiffer.diff(desired(nextCycle), LiveStateParser.parse("ci", held));
        ChangeSet lifted = SlurmDiffer.diff(desired(revived), LiveStateParser.parse("ci", held));

        assertThat(held).contains("ci|old-idea||exploratory|gres/gpu=0,gres/gpu:h100=0|0|");
        assertThat(next.changes())
                .as("declined in the next cycle: the hold stays")
                .isEmpty();
        assertThat(lifted.changes())
                .extracting(Change::describe)
                .containsExactly("~ account old-idea: gres/gpu 0 -> 8, gres/gpu:h100 0 -> 8, GrpJobs 0 -> none");
    }
}
