package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.TestPolicies;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Evidence;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The use cases over a real in-memory store and the real planner. */
class ApplicationTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store = Store.open("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(6, 5).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDraftIsSolvedOnlyWhileTheCycleIsDrafting() {
        application.cycles().importLab(lab, Actor.system("test"));

        AllotException open = catchThrowableOfType(
                AllotException.class, () -> application.drafts().solve(lab.cycle(), DANA, null));

        assertThat(open.code()).isEqualTo("cycle-state");
        assertThat(application.reads().draft(lab.cycle())).isEmpty();
    }

    @Test
    void solvingSavesTheDraftCountsChangesAndRefusesAStaleVersion() {
        drafting();

        Drafts.Solved first = application.drafts().solve(lab.cycle(), DANA, null);
        Drafts.Solved again =
                application.drafts().solve(lab.cycle(), DANA, first.draft().version());
        AllotException stale = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .drafts()
                        .solve(lab.cycle(), DANA, first.draft().version()));

        assertThat(first.changedProjects()).isEqualTo(first.plan().projects().size());
        assertThat(again.changedProjects()).isZero();
        assertThat(again.draft().version()).isEqualTo(first.draft().version() + 1);
        assertThat(stale.code()).isEqualTo("stale-version");
    }

    @Test
    void theShownPlanIsTheDraftUntilPublishedThenThePublishedUntilTheDraftChanges() {
        drafting();
        StoredPlan draft = application.drafts().solve(lab.cycle(), DANA, null).draft();
        assertThat(application.reads().shownPlan(lab.cycle())).contains(draft);

        PublishCheck check = application.approvals().approve(lab.cycle(), draft.version(), DANA);
        Map<String, String> reasons = new java.util.HashMap<>();
        check.warnings().forEach(warning -> reasons.put(warning.rule().code(), "seen"));
        StoredPlan published = application.approvals().publish(lab.cycle(), draft.version(), reasons, "", DANA);
        assertThat(application.reads().shownPlan(lab.cycle())).contains(published);

        StoredPlan resolved =
                application.drafts().solve(lab.cycle(), DANA, null).draft();
        assertThat(application.reads().shownPlan(lab.cycle())).contains(resolved);
    }

    @Test
    void aPolicyEditKeepsEveryFieldItDoesNotName() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().editPolicy(lab.cycle(), current -> TestPolicies.everyFieldChanged(), null, DANA);

        application
                .cycles()
                .editPolicy(
                        lab.cycle(),
                        current -> current.edit().yieldNoticeDays(3).build(),
                        null,
                        DANA);

        Policy stored = application.reads().cycle(lab.cycle()).value().policy();
        assertThat(stored)
                .isEqualTo(TestPolicies.everyFieldChanged()
                        .edit()
                        .yieldNoticeDays(3)
                        .build());
    }

    @Test
    void aLeadWritesTheAskOfTheirOwnProjectOnly() {
        application.cycles().importLab(lab, Actor.system("test"));
        CycleId cycle = lab.cycle();
        Actor lead0 = new Actor("lead0", Role.LEAD);

        application.reviews().submitAsk(cycle, ask("project-0"), null, lead0);
        AllotException other = catchThrowableOfType(
                AllotException.class, () -> application.reviews().submitAsk(cycle, ask("project-1"), null, lead0));

        assertThat(other.code()).isEqualTo("not-your-project");
        assertThat(application
                        .reads()
                        .lab(cycle)
                        .asksByProject()
                        .get(ProjectId.of("project-0"))
                        .ceilingGpus())
                .isEqualTo(24);
    }

    @Test
    void theDiffOfAFirstDraftComparesWithTheGrantsTheLabFileBroughtNotWithNothing() {
        Lab withHistory =
                TestLabs.shaped(6, 5).past("2026-11", "project-0", "H100", 16).build();
        application.cycles().importLab(withHistory, Actor.system("test"));
        application.cycles().transition(withHistory.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(withHistory.cycle(), CycleState.DRAFT, null, DANA);
        application.drafts().solve(withHistory.cycle(), DANA, null);

        dev.allot.store.PlanDiff diff = application.reads().diff(withHistory.cycle());

        assertThat(diff.projects())
                .isNotEmpty()
                .allSatisfy(
                        change -> assertThat(change.previous()).isEqualTo(withHistory.previousGrant(change.project())));
        assertThat(diff.projects())
                .filteredOn(
                        change -> !withHistory.previousGrant(change.project()).isEmpty())
                .hasSize(1)
                .noneMatch(change -> change.change().equals("new"));
    }

    private void drafting() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
    }

    private static StoredAsk ask(String project) {
        return new StoredAsk(new Ask(ProjectId.of(project), 8, 16, 24, Set.of(), Map.of(), "scaling"), Evidence.NONE);
    }
}
