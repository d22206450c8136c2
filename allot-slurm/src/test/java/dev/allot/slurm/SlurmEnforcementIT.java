package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.ProjectId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans applied to a real Slurm cluster, checked through the jobs Slurm runs or holds and the reservations scontrol
 * shows.
 */
class SlurmEnforcementIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LocalDate TODAY = LocalDate.now();

    private final List<String> jobs = new ArrayList<>();
    private String prefix;
    private SlurmConfig config;
    private SlurmEnforcer enforcer;

    @BeforeEach
    void cluster() {
        TestCluster.require();
        prefix = TestCluster.uniquePrefix();
        config = SlurmConfig.defaults(TestCluster.CLUSTER)
                .withPrefixes(prefix, prefix)
                .withExtraUsers(List.of("root"));
        enforcer = new SlurmEnforcer(TestCluster.CLI);
    }

    @AfterEach
    void cancelJobsAndRemoveReservationsAndAccounts() {
        if (prefix != null) {
            TestCluster.cancel(jobs);
            TestCluster.awaitGone(jobs);
            // Slurm refuses to delete a reservation while a job runs in it
            TestCluster.removeReservations(prefix);
            TestCluster.removeAccounts(prefix, jobs);
        }
    }

    private DesiredState desired(PlanFixture fixture) {
        return SlurmCompiler.compile(fixture.build(), fixture.lab(), config, TODAY);
    }

    private String submit(String project, String gres) {
        String id =
                TestCluster.submit(config.accountFor(dev.allot.core.model.ProjectId.of(project)), gres, "sleep 300");
        jobs.add(id);
        return id;
    }

    @Test
    void jobsAboveAGrantPendUntilALargerPlanIsApplied() {
        PlanFixture small = PlanFixture.plan("H100", "A100")
                .project("alpha", "exploratory")
                .grant("H100", 2)
                .project("beta", "product")
                .grant("A100", 1);

        ApplyResult first = enforcer.apply(desired(small));

        assertThat(first.succeeded()).as(String.join("\n", first.describe())).isTrue();
        assertThat(first.applied()).hasSize(4);
        List<String> ids =
                List.of(submit("alpha", "gpu:h100:1"), submit("alpha", "gpu:h100:1"), submit("alpha", "gpu:h100:1"));
        assertThat(TestCluster.awaitState(ids.get(0), "RUNNING None"::equals, WAIT))
                .isEqualTo("RUNNING None");
        assertThat(TestCluster.awaitState(ids.get(1), "RUNNING None"::equals, WAIT))
                .isEqualTo("RUNNING None");
        assertThat(TestCluster.awaitState(ids.get(2), "PENDING AssocGrpGRES"::equals, WAIT))
                .isEqualTo("PENDING AssocGrpGRES");

        ApplyResult again = enforcer.apply(desired(small));
        assertThat(again.planned().changes()).isEmpty();
        assertThat(again.describe().get(0)).contains("already matches the plan: 0 changes applied");

        PlanFixture larger = PlanFixture.plan("H100", "A100")
                .project("alpha", "exploratory")
                .grant("H100", 3)
                .project("beta", "product")
                .grant("A100", 1);
        ChangeSet diff = enforcer.diff(desired(larger));
        assertThat(diff.changes()).singleElement().isInstanceOf(Change.SetLimits.class);
        assertThat(enforcer.apply(desired(larger)).succeeded()).isTrue();
        assertThat(TestCluster.awaitState(ids.get(2), "RUNNING None"::equals, WAIT))
                .isEqualTo("RUNNING None");
    }

    @Test
    void theFastTreeReadSeesWhatTheFullReadWithParentInformationSees() {
        PlanFixture plan = PlanFixture.plan("H100", "A100")
                .project("alpha", "exploratory")
                .members(prefix + "ann", prefix + "bo")
                .grant("H100", 2)
                .project("beta", "product")
                .members(prefix + "bo")
                .grant("A100", 1)
                .project("gamma", "product")
                .grant("H100", 1)
                .grant("A100", 1);
        try {
            assertThat(enforcer.apply(desired(plan)).succeeded()).isTrue();
            TestCluster.sacctmgr(
                    "modify", "account", "where", "name=" + account("gamma"), "set", "GrpJobs=0", "GrpTRESMins=cpu=5");
            assertSameTree();
        } finally {
            TestCluster.sacctmgr("delete", "user", "where", "name=" + prefix + "ann," + prefix + "bo");
        }
    }

    private void assertSameTree() {
        LiveState fast = TestCluster.CLI.snapshot(TestCluster.CLUSTER).live();
        LiveState full = TestCluster.CLI.liveState(TestCluster.CLUSTER);

        assertThat(fast.accounts().keySet()).isEqualTo(full.accounts().keySet());
        full.accounts().forEach((name, account) -> {
            LiveState.Account seen = fast.accounts().get(name);
            assertThat(seen.parent()).as("parent of " + name).isEqualTo(account.parent());
            assertThat(seen.limits()).as("limits of " + name).isEqualTo(account.limits());
            assertThat(seen.users()).as("users of " + name).isEqualTo(account.users());
            // the full read shows inherited QOS too; the fast one the account's own, which Allot sets itself
            assertThat(account.qos()).as("QOS of " + name).containsAll(seen.qos());
        });
        assertThat(fast.defaultAccounts())
                .containsAllEntriesOf(full.defaultAccounts().entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(prefix))
                        .collect(java.util.stream.Collectors.toMap(
                                java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
        assertThat(fast.defaultAccounts()).containsKeys(prefix + "ann", prefix + "bo");
    }

    @Test
    void aJobThatWouldOverrunItsProjectsGpuHourBudgetPendsUntilALargerBudgetIsApplied() {
        // 0.05 GPU-hours = 3 GPU-minutes; a one-GPU job with a five-minute limit would use up to 5
        PlanFixture tight = PlanFixture.plan("H100", "A100")
                .project("delta", "exploratory")
                .grant("H100", 2)
                .budget("H100", 0.05);

        ApplyResult first = enforcer.apply(desired(tight));

        assertThat(first.succeeded()).as(String.join("\n", first.describe())).isTrue();
        String job = submit("delta", "gpu:h100:1");
        String pending = TestCluster.awaitState(job, state -> state.startsWith("PENDING AssocGrpGRESMin"), WAIT);
        assertThat(pending).isEqualTo("PENDING AssocGrpGRESMinutes");
        assertThat(enforcer.apply(desired(tight)).planned().changes()).isEmpty();

        String account = config.accountFor(dev.allot.core.model.ProjectId.of("delta"));
        TestCluster.sacctmgr(
                "modify", "account", "where", "name=" + account, "set", "GrpTRESMins=gres/gpu:h100=100000");
        assertThat(enforcer.drift(desired(tight)).describe())
                .anyMatch(line -> line.contains("GrpTRESMins gres/gpu:h100 100000 -> 3 GPU-minutes"));

        PlanFixture larger = PlanFixture.plan("H100", "A100")
                .project("delta", "exploratory")
                .grant("H100", 2)
                .budget("H100", 1);
        assertThat(enforcer.apply(desired(larger)).succeeded()).isTrue();
        assertThat(TestCluster.awaitState(job, "RUNNING None"::equals, WAIT)).isEqualTo("RUNNING None");
        assertThat(enforcer.resetUsage(desired(larger))).containsExactly(account);

        PlanFixture unbudgeted =
                PlanFixture.plan("H100", "A100").project("delta", "exploratory").grant("H100", 2);
        ChangeSet removal = enforcer.diff(desired(unbudgeted));
        assertThat(removal.describe()).anyMatch(line -> line.contains("GrpTRESMins gres/gpu:h100 60 -> none"));
        assertThat(enforcer.apply(desired(unbudgeted)).succeeded()).isTrue();
        assertThat(enforcer.diff(desired(unbudgeted)).changes()).isEmpty();
    }

    @Test
    void aJobThatWouldOverrunItsCategorysGpuHourBudgetPendsUntilTheBudgetIsRemoved() {
        // the budget sits on the category's account; Slurm counts the project account's jobs against its parent
        PlanFixture tight = PlanFixture.plan("H100", "A100")
                .project("epsilon", "exploratory")
                .grant("H100", 2)
                .categoryBudget("exploratory", "H100", 0.05);
        String category = config.accountFor(dev.allot.core.model.CategoryId.of("exploratory"));

        ApplyResult first = enforcer.apply(desired(tight));

        assertThat(first.succeeded()).as(String.join("\n", first.describe())).isTrue();
        assertThat(enforcer.diff(desired(tight)).changes()).isEmpty();
        String job = submit("epsilon", "gpu:h100:1");
        assertThat(TestCluster.awaitState(job, state -> state.startsWith("PENDING AssocGrpGRESMin"), WAIT))
                .startsWith("PENDING AssocGrpGRESMin");
        assertThat(enforcer.resetUsage(desired(tight))).containsExactly(category);

        PlanFixture unbudgeted = PlanFixture.plan("H100", "A100")
                .project("epsilon", "exploratory")
                .grant("H100", 2);
        assertThat(enforcer.diff(desired(unbudgeted)).describe())
                .anyMatch(line -> line.contains(category) && line.contains("GrpTRESMins gres/gpu:h100 3 -> none"));
        assertThat(enforcer.apply(desired(unbudgeted)).succeeded()).isTrue();
        assertThat(TestCluster.awaitState(job, "RUNNING None"::equals, WAIT)).isEqualTo("RUNNING None");
        assertThat(enforcer.diff(desired(unbudgeted)).changes()).isEmpty();
    }

    @Test
    void aHandEditIsReportedAsDriftAndRepairedByTheNextApply() {
        PlanFixture plan =
                PlanFixture.plan("H100", "A100").project("gamma", "exploratory").grant("H100", 2);
        DesiredState desired = desired(plan);
        assertThat(enforcer.apply(desired).succeeded()).isTrue();
        String account = config.accountFor(dev.allot.core.model.ProjectId.of("gamma"));
        String rogue = config.accountFor(dev.allot.core.model.CategoryId.of("rogue"));
        TestCluster.sacctmgr("modify", "account", "where", "name=" + account, "set", "GrpTRES=gres/gpu:h100=7");
        String stale = config.accountFor(dev.allot.core.model.ProjectId.of("stale"));
        TestCluster.sacctmgr("add", "account", rogue, "parent=root", "cluster=" + TestCluster.CLUSTER);
        TestCluster.sacctmgr(
                "add",
                "account",
                stale,
                "parent=" + config.accountFor(dev.allot.core.model.CategoryId.of("exploratory")),
                "cluster=" + TestCluster.CLUSTER,
                "GrpTRES=gres/gpu:h100=4");
        try {
            ChangeSet drift = enforcer.drift(desired);

            assertThat(drift.changes())
                    .singleElement()
                    .satisfies(change -> assertThat(change.describe())
                            .isEqualTo("~ account " + account + ": gres/gpu:h100 7 -> 2"
                                    + " (lowers: running jobs keep running; new jobs pend until under the limit)"));
            assertThat(drift.unknownAccounts())
                    .as("an account under root belongs to someone else; one under a category is Allot's")
                    .containsExactly(stale);
            assertThat(drift.describe())
                    .contains("  unknown to the plan: account " + stale + " still holds gres/gpu:h100=4"
                            + " (--prune sets its GPU caps to 0)");

            ApplyResult repair = enforcer.apply(desired);
            assertThat(repair.succeeded()).isTrue();
            assertThat(repair.applied()).hasSize(1);
            assertThat(enforcer.drift(desired).changes()).isEmpty();

            ApplyResult pruned = enforcer.apply(desired.withPrune(true));
            assertThat(pruned.succeeded())
                    .as(String.join("\n", pruned.describe()))
                    .isTrue();
            assertThat(enforcer.drift(desired).unknownHoldingGpus()).isEmpty();
        } finally {
            TestCluster.sacctmgr("delete", "account", "where", "name=" + rogue);
        }
    }

    @Test
    void aMemberLeavingTheirDefaultAccountIsMovedAndRemoved() {
        String user = config.accountFor(dev.allot.core.model.ProjectId.of("mover"));
        PlanFixture before = PlanFixture.plan("H100")
                .project("eta", "exploratory")
                .members(user)
                .grant("H100", 1)
                .project("theta", "product")
                .members(user)
                .grant("H100", 1);
        assertThat(enforcer.apply(desired(before)).succeeded()).isTrue();
        PlanFixture after = PlanFixture.plan("H100")
                .project("eta", "exploratory")
                .grant("H100", 1)
                .project("theta", "product")
                .members(user)
                .grant("H100", 1);

        ApplyResult moved = enforcer.apply(desired(after));

        assertThat(moved.succeeded()).as(String.join("\n", moved.describe())).isTrue();
        assertThat(moved.applied())
                .extracting(Change::describe)
                .contains("~ user " + user + ": default account "
                        + config.accountFor(dev.allot.core.model.ProjectId.of("eta")) + " -> "
                        + config.accountFor(dev.allot.core.model.ProjectId.of("theta")));
        assertThat(enforcer.diff(desired(after)).changes()).isEmpty();
        TestCluster.sacctmgr("delete", "user", "where", "name=" + user);
    }

    @Test
    void aGpuTypeTheClusterDoesNotTrackStopsTheApplyBeforeAnyChange() {
        DesiredState desired = desired(
                PlanFixture.plan("H100", "B200").project("iota", "exploratory").grant("H100", 1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enforcer.apply(desired))
                .isInstanceOf(dev.allot.core.AllotException.class)
                .hasMessageStartingWith("Cluster " + TestCluster.CLUSTER + " does not track gres/gpu:b200 (tracked: ")
                .hasMessageEndingWith("Maybe map the lab's GPU type to Slurm's name with --gpu-type LAB=SLURM, or add"
                        + " it to AccountingStorageTRES in slurm.conf?");
        assertThat(TestCluster.CLI.liveState(TestCluster.CLUSTER).accounts())
                .doesNotContainKey(config.accountFor(dev.allot.core.model.ProjectId.of("iota")));
    }

    @Test
    void aClusterNameTheDatabaseDoesNotKnowStopsTheApplyInsteadOfCreatingIt() {
        PlanFixture plan =
                PlanFixture.plan("H100").project("kappa", "exploratory").grant("H100", 1);
        SlurmConfig typo = config.withCluster("c1-typo");
        DesiredState desired = SlurmCompiler.compile(plan.build(), plan.lab(), typo, TODAY);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enforcer.apply(desired))
                .isInstanceOf(dev.allot.core.AllotException.class)
                .hasMessageStartingWith("Slurm's accounting database knows no cluster c1-typo (it knows: ")
                .hasMessageContaining(TestCluster.CLUSTER);
        assertThat(TestCluster.CLI.clusters()).doesNotContain("c1-typo");
    }

    @Test
    void aKilledProjectHoldsNewJobs() {
        PlanFixture running =
                PlanFixture.plan("H100", "A100").project("delta", "exploratory").grant("H100", 2);
        ApplyResult started = enforcer.apply(desired(running));
        assertThat(started.succeeded())
                .as(String.join("\n", started.describe()))
                .isTrue();
        String before = submit("delta", "gpu:h100:1");
        assertThat(TestCluster.awaitState(before, "RUNNING None"::equals, WAIT)).isEqualTo("RUNNING None");

        PlanFixture killed =
                PlanFixture.plan("H100", "A100").project("delta", "exploratory").previous("H100", 2);
        ApplyResult kill = enforcer.apply(desired(killed));

        assertThat(kill.succeeded()).as(String.join("\n", kill.describe())).isTrue();
        assertThat(kill.describe()).anyMatch(line -> line.contains("kill: new jobs are held"));
        String after = submit("delta", "gpu:h100:1");
        assertThat(TestCluster.awaitState(after, state -> state.startsWith("PENDING AssocGrp"), WAIT))
                .startsWith("PENDING AssocGrp");
        TestCluster.sleep(3000);
        assertThat(TestCluster.state(after))
                .as("still held after a few scheduling passes")
                .startsWith("PENDING");
        assertThat(TestCluster.state(before)).as("running jobs are not killed").isEqualTo("RUNNING None");
    }

    @Test
    void aKillHoldsInTheNextCycleUntilTheProjectIsGrantedGpusAgain() {
        PlanFixture killed = PlanFixture.plan("H100", "A100")
                .project("lambda", "exploratory")
                .previous("H100", 2);
        assertThat(enforcer.apply(desired(killed)).succeeded()).isTrue();
        PlanFixture nextCycle = PlanFixture.plan("H100", "A100").project("lambda", "exploratory");

        ApplyResult next = enforcer.apply(desired(nextCycle));

        assertThat(next.planned().changes())
                .as(String.join("\n", next.describe()))
                .isEmpty();
        String account = config.accountFor(dev.allot.core.model.ProjectId.of("lambda"));
        assertThat(TestCluster.CLI
                        .liveState(TestCluster.CLUSTER)
                        .accounts()
                        .get(account)
                        .limits()
                        .grpJobs())
                .isZero();
        String job = submit("lambda", "gpu:h100:1");
        assertThat(TestCluster.awaitState(job, state -> state.startsWith("PENDING AssocGrp"), WAIT))
                .startsWith("PENDING AssocGrp");

        PlanFixture revived = PlanFixture.plan("H100", "A100")
                .project("lambda", "exploratory")
                .grant("H100", 1);
        assertThat(enforcer.apply(desired(revived)).succeeded()).isTrue();
        assertThat(TestCluster.awaitState(job, "RUNNING None"::equals, WAIT)).isEqualTo("RUNNING None");
    }

    @Test
    void aFailedPartOfAnApplyIsReportedAndTheNextApplyConverges() {
        String qos = config.accountFor(dev.allot.core.model.CategoryId.of("borrow"));
        config = config.withBorrowQos(qos);
        DesiredState desired = desired(
                PlanFixture.plan("H100").project("epsilon", "exploratory").grant("H100", 1));

        ApplyResult partial = enforcer.apply(desired);

        assertThat(partial.succeeded()).isFalse();
        assertThat(partial.notApplied()).singleElement().isInstanceOf(Change.AddQos.class);
        assertThat(partial.applied()).hasSize(2);
        assertThat(partial.errors()).singleElement().asString().contains("exit 1");
        assertThat(partial.describe())
                .anyMatch(line -> line.startsWith("  NOT applied (failed): + qos " + qos))
                .anyMatch(line -> line.equals("  accounts: 1 applied, 1 failed, 0 untouched"));
        assertThat(partial.accountsIn(ApplyResult.AccountState.FAILED))
                .containsExactly(config.accountFor(dev.allot.core.model.ProjectId.of("epsilon")));
        assertThat(partial.errors().get(0)).doesNotContain("Done adding cluster");
        TestCluster.sacctmgr("add", "qos", qos);
        try {
            ApplyResult converged = enforcer.apply(desired);
            assertThat(converged.succeeded())
                    .as(String.join("\n", converged.describe()))
                    .isTrue();
            assertThat(converged.applied()).singleElement().isInstanceOf(Change.AddQos.class);
            assertThat(enforcer.diff(desired).changes()).isEmpty();
        } finally {
            String account = config.accountFor(dev.allot.core.model.ProjectId.of("epsilon"));
            TestCluster.sacctmgr("modify", "account", "where", "name=" + account, "set", "QOS=normal");
            TestCluster.sacctmgr("delete", "qos", qos);
        }
    }

    private static PlanFixture blockFrom(int startDays, int endDays) {
        return PlanFixture.plan("H100", "A100")
                .project("rho", "exploratory")
                .grant("H100", 1)
                .block(
                        "H100",
                        8,
                        TODAY.plusDays(startDays).toString(),
                        TODAY.plusDays(endDays).toString());
    }

    private String account(String project) {
        return config.accountFor(ProjectId.of(project));
    }

    private String reservationName(String project) {
        return "allot-2026-12-" + account(project) + "-1";
    }

    private LiveReservation shown(String name) {
        return TestCluster.reservations(prefix).stream()
                .filter(reservation -> reservation.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("scontrol shows no reservation " + name));
    }

    @Test
    void aBlockIsReservedUpdatedRepairedAndReleasedWithThePlan() {
        String name = reservationName("rho");

        ApplyResult created = enforcer.apply(desired(blockFrom(20, 25)));

        assertThat(created.succeeded())
                .as(String.join("\n", created.describe()))
                .isTrue();
        assertThat(created.describe())
                .anyMatch(line -> line.startsWith("  done: + reservation " + name + ": account " + account("rho")));
        LiveReservation reservation = shown(name);
        assertThat(reservation.accounts()).containsExactly(account("rho"));
        assertThat(reservation.start()).isEqualTo(TODAY.plusDays(20).atStartOfDay());
        assertThat(reservation.end()).isEqualTo(TODAY.plusDays(25).atStartOfDay());
        assertThat(reservation.nodes()).as("8 H100 on the one node that has 8").isEqualTo(1);

        ApplyResult again = enforcer.apply(desired(blockFrom(20, 25)));
        assertThat(again.planned().changes())
                .as(String.join("\n", again.describe()))
                .isEmpty();

        ChangeSet longer = enforcer.diff(desired(blockFrom(20, 27)));
        assertThat(longer.changes())
                .singleElement()
                .extracting(Change::describe)
                .asString()
                .startsWith(
                        "~ reservation " + name + ": end " + TODAY.plusDays(25).atStartOfDay() + " -> "
                                + TODAY.plusDays(27).atStartOfDay());
        ApplyResult updated = enforcer.apply(desired(blockFrom(20, 27)));
        assertThat(updated.succeeded())
                .as(String.join("\n", updated.describe()))
                .isTrue();
        assertThat(shown(name).end()).isEqualTo(TODAY.plusDays(27).atStartOfDay());
        assertThat(shown(name).start()).isEqualTo(TODAY.plusDays(20).atStartOfDay());

        TestCluster.scontrol(
                "update",
                "ReservationName=" + name,
                "EndTime=" + ReservationScript.time(TODAY.plusDays(30).atStartOfDay()));
        String stray = "allot-2026-12-" + prefix + "stray-1";
        String foreign = prefix + "maintenance";
        TestCluster.scontrol(
                "create",
                "reservation",
                "ReservationName=" + stray,
                "Accounts=" + account("rho"),
                "StartTime=" + ReservationScript.time(TODAY.plusDays(40).atStartOfDay()),
                "Duration=1-00:00:00",
                "NodeCnt=1");
        TestCluster.scontrol(
                "create",
                "reservation",
                "ReservationName=" + foreign,
                "Accounts=" + account("rho"),
                "StartTime=" + ReservationScript.time(TODAY.plusDays(50).atStartOfDay()),
                "Duration=1-00:00:00",
                "NodeCnt=1");

        ChangeSet drift = enforcer.drift(desired(blockFrom(20, 27)));

        assertThat(drift.changes())
                .extracting(Change::describe)
                .containsExactlyInAnyOrder(
                        "~ reservation " + name + ": end " + TODAY.plusDays(30).atStartOfDay() + " -> "
                                + TODAY.plusDays(27).atStartOfDay() + " (block of 8 H100, 8 per node)",
                        "- reservation " + stray + " (accounts " + account("rho") + ", 1 node(s), "
                                + TODAY.plusDays(40).atStartOfDay() + " .. "
                                + TODAY.plusDays(41).atStartOfDay()
                                + "): no block of the plan");
        ApplyResult repaired = enforcer.apply(desired(blockFrom(20, 27)));
        assertThat(repaired.succeeded())
                .as(String.join("\n", repaired.describe()))
                .isTrue();
        assertThat(shown(name).end()).isEqualTo(TODAY.plusDays(27).atStartOfDay());
        assertThat(TestCluster.reservations(prefix))
                .extracting(LiveReservation::name)
                .as("the hand-made reservation under another name is someone else's")
                .containsExactlyInAnyOrder(name, foreign);

        PlanFixture noBlock =
                PlanFixture.plan("H100", "A100").project("rho", "exploratory").grant("H100", 1);
        ApplyResult released = enforcer.apply(desired(noBlock));

        assertThat(released.succeeded())
                .as(String.join("\n", released.describe()))
                .isTrue();
        assertThat(released.applied()).singleElement().isInstanceOf(Change.DeleteReservation.class);
        assertThat(TestCluster.reservations(prefix))
                .extracting(LiveReservation::name)
                .containsExactly(foreign);
        assertThat(enforcer.drift(desired(noBlock)).changes()).isEmpty();
    }

    @Test
    void aBlockWhoseGpusAreStillYieldedIsReservedFromTheYieldDate() {
        // the plan's 64 H100 are all upsilon's until its yield date, so phi's block waits for that day
        PlanFixture plan = PlanFixture.plan("H100", "A100")
                .project("upsilon", "product")
                .previous("H100", 64)
                .grant("H100", 8)
                .yieldBy(TODAY.plusDays(20).toString())
                .project("phi", "exploratory")
                .grant("H100", 1)
                .block(
                        "H100",
                        8,
                        TODAY.plusDays(10).toString(),
                        TODAY.plusDays(25).toString());

        ApplyResult applied = enforcer.apply(desired(plan));

        assertThat(applied.succeeded())
                .as(String.join("\n", applied.describe()))
                .isTrue();
        LiveReservation reservation = shown(reservationName("phi"));
        assertThat(reservation.start()).isEqualTo(TODAY.plusDays(20).atStartOfDay());
        assertThat(reservation.end()).isEqualTo(TODAY.plusDays(25).atStartOfDay());
        assertThat(enforcer.diff(desired(plan)).changes()).isEmpty();
        assertThat(enforcer.diff(desired(plan)).scheduled())
                .anyMatch(line -> line.startsWith("account " + account("phi"))
                        && line.contains(TODAY.plusDays(20).toString())
                        && line.contains("reserved block starts"));
    }

    @Test
    void aStartedBlockHoldsItsNodeForItsProjectAlone() {
        PlanFixture plan = PlanFixture.plan("H100", "A100")
                .project("sigma", "exploratory")
                .grant("H100", 2)
                .block("H100", 8, TODAY.toString(), TODAY.plusDays(2).toString())
                .project("tau", "product")
                .grant("H100", 2);

        ApplyResult applied = enforcer.apply(desired(plan));

        assertThat(applied.succeeded())
                .as(String.join("\n", applied.describe()))
                .isTrue();
        LiveReservation reservation = shown(reservationName("sigma"));
        assertThat(reservation.active()).isTrue();
        assertThat(reservation.start()).isBefore(LocalDateTime.now().plusMinutes(1));
        assertThat(enforcer.apply(desired(plan)).planned().changes())
                .as("a started block's start is not compared")
                .isEmpty();
        String inside = TestCluster.submitTo(account("sigma"), reservationName("sigma"), "gpu:h100:1");
        jobs.add(inside);
        String outside = TestCluster.submit(account("tau"), "gpu:h100:1", "sleep 300");
        jobs.add(outside);
        assertThat(TestCluster.awaitState(inside, "RUNNING None"::equals, WAIT)).isEqualTo("RUNNING None");
        TestCluster.sleep(3000);
        assertThat(TestCluster.state(outside))
                .as("the only node is reserved for sigma's block")
                .startsWith("PENDING ReqNodeNotAvail");
    }
}
