package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.PlanDiff;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A re-solve keeps the draft it replaces, so the deciders see what the re-solve changed. */
class DraftChangesTest {
    private static final Actor DECIDER = new Actor("lena", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:draft-changes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReSolveListsExactlyTheProjectsWhoseGrantItChanged() {
        Lab lab = TestLabs.shaped(6, 11).build();
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DECIDER);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DECIDER);
        application.drafts().solve(lab.cycle(), DECIDER, null);
        assertThat(application.reads().draftChanges(lab.cycle()))
                .as("before any re-solve")
                .isEmpty();

        ProjectId pinned = lab.projects().get(0).id();
        int before = store.plans()
                .draft(lab.cycle())
                .orElseThrow()
                .plan()
                .project(pinned)
                .orElseThrow()
                .grant()
                .totalGpus();
        int pin = before == 8 ? 16 : 8;
        application.reviews().pin(lab.cycle(), new Pin(pinned, Allocation.of("H100", pin), "test"), DECIDER);
        application.drafts().solve(lab.cycle(), DECIDER, null);

        PlanDiff changes = application.reads().draftChanges(lab.cycle()).orElseThrow();
        List<PlanDiff.ProjectChange> changed = changes.projects().stream()
                .filter(c -> !c.previous().equals(c.grant()))
                .toList();
        assertThat(changed).extracting(PlanDiff.ProjectChange::project).contains(pinned);
        PlanDiff.ProjectChange line = changed.stream()
                .filter(c -> c.project().equals(pinned))
                .findFirst()
                .orElseThrow();
        assertThat(line.previous().totalGpus()).isEqualTo(before);
        assertThat(line.grant()).isEqualTo(Allocation.of("H100", pin));
        // Every project the diff calls changed really differs between the two stored drafts.
        var previous = store.plans().previousDraft(lab.cycle()).orElseThrow();
        changed.forEach(c -> assertThat(
                        previous.project(c.project()).map(p -> p.grant()).orElse(Allocation.NONE))
                .isEqualTo(c.previous()));
    }
}
