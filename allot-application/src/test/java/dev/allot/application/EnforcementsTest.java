package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.EnforcementRun;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which plan the enforcers may apply for a cycle, and the record of their runs, over a real store. */
class EnforcementsTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final Actor OPS = new Actor("ops", Role.ADMIN);

    private final Store store = Store.open("jdbc:h2:mem:enf-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(6, 5).build();
    private final CycleId cycle = lab.cycle();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDraftIsRefusedInOneLine() {
        drafting();
        application.drafts().solve(cycle, DANA, null);

        AllotException draft =
                catchThrowableOfType(AllotException.class, () -> enforcements().published(cycle.value()));

        assertThat(draft.code()).isEqualTo("plan-not-published");
        assertThat(draft.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
        assertThat(draft.getMessage())
                .isEqualTo("cycle " + cycle + " is a draft; enforcement applies published plans only");
    }

    @Test
    void anUnknownCycleAndCurrentWithoutAPublishedPlanAreNamed() {
        drafting();

        AllotException unknown =
                catchThrowableOfType(AllotException.class, () -> enforcements().published("1999-01"));
        AllotException current =
                catchThrowableOfType(AllotException.class, () -> enforcements().published("current"));

        assertThat(unknown.code()).isEqualTo("cycle-not-found");
        assertThat(current.code()).isEqualTo("no-published-cycle");
        assertThat(current.getMessage())
                .startsWith("No cycle has a published plan (the newest, " + cycle + ", is draft)");
    }

    @Test
    void currentIsTheLatestPublishedVersionEvenWhileACorrectionIsDrafted() {
        drafting();
        Plan first = application.drafts().solve(cycle, DANA, null).plan();
        store.plans().publish(cycle, null, "", DANA);
        application.drafts().solve(cycle, DANA, null);

        Enforcements.Enforceable current = enforcements().published("current");

        assertThat(current.cycle()).isEqualTo(cycle);
        assertThat(current.version()).isEqualTo(1);
        assertThat(current.plan()).isEqualTo(first);
        assertThat(current.lab().projects()).hasSize(6);
    }

    @Test
    void aPublishedPlanThatBreaksAnInvariantIsRefusedNamingTheViolation() {
        drafting();
        Plan solved = application.drafts().solve(cycle, DANA, null).plan();
        List<ProjectPlan> lines = new ArrayList<>(solved.projects());
        ProjectPlan funded = lines.stream()
                .filter(line -> line.grant().totalGpus() > 0)
                .findFirst()
                .orElseThrow();
        lines.set(
                lines.indexOf(funded),
                new ProjectPlan(
                        funded.project(),
                        funded.category(),
                        funded.priority(),
                        funded.previous(),
                        funded.grant(),
                        Decision.KILL,
                        funded.effectiveGpus(),
                        funded.value(),
                        funded.yieldBy(),
                        funded.explanation()));
        Plan broken = solved.toBuilder().projects(lines).build();
        store.plans().saveDraft(cycle, broken, null, DANA);
        store.plans().publish(cycle, null, "", DANA);

        AllotException refused =
                catchThrowableOfType(AllotException.class, () -> enforcements().published("current"));

        assertThat(refused.code()).isEqualTo("plan-mismatch");
        assertThat(refused.getMessage()).startsWith("Plan published plan 1 of cycle " + cycle + " does not fit lab");
        assertThat(refused.problems())
                .singleElement()
                .satisfies(problem ->
                        assertThat(problem.value()).startsWith(funded.project() + ": decision KILL does not match"));
    }

    @Test
    void runsAreListedNewestFirstAndTheLatestApplyCarriesTheDriftCheckedSince() {
        drafting();
        application.drafts().solve(cycle, DANA, null);
        store.plans().publish(cycle, null, "", DANA);

        enforcements().record(run("slurm", "cluster-a", "apply", 37, null, 0), OPS);
        enforcements().record(run("kueue", "prod", "drift", null, 4, 0), OPS);
        enforcements().record(run("slurm", "cluster-a", "drift", null, 0, 0), OPS);

        List<EnforcementRun> runs = enforcements().list(cycle);
        assertThat(runs).extracting(EnforcementRun::mode).containsExactly("drift", "drift", "apply");
        assertThat(runs).extracting(EnforcementRun::ranBy).containsOnly("ops");
        Enforcements.Latest latest = enforcements().latest(cycle).orElseThrow();
        assertThat(latest.applied().changes()).isEqualTo(37);
        assertThat(latest.driftSince()).hasValueSatisfying(drift -> {
            assertThat(drift.target()).isEqualTo("cluster-a");
            assertThat(drift.drift()).isZero();
        });
    }

    @Test
    void aRunWithBadFieldsIsRefusedListingEveryProblemAndRecordsNothing() {
        drafting();

        AllotException bad = catchThrowableOfType(
                AllotException.class, () -> enforcements().record(run("lsf", " ", "destroy", -1, null, 0), OPS));

        assertThat(bad.code()).isEqualTo("validation-failed");
        assertThat(bad.problems()).extracting(p -> p.path()).containsExactly("enforcer", "mode", "target", "changes");
        assertThat(enforcements().list(cycle)).isEmpty();
    }

    private EnforcementRun run(
            String enforcer, String target, String mode, Integer changes, Integer drift, int errors) {
        return EnforcementRun.report(cycle, null, enforcer, target, mode, changes, drift, errors, "");
    }

    private Enforcements enforcements() {
        return application.enforcements();
    }

    private void drafting() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(cycle, CycleState.REVIEW, null, DANA);
        application.cycles().transition(cycle, CycleState.DRAFT, null, DANA);
    }
}
