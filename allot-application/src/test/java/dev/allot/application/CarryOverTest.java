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
import dev.allot.store.AskState;
import dev.allot.store.Cycle;
import dev.allot.store.Evidence;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.TestLabs;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A new cycle starts from the previous one: its whole policy, and each active project's ask, carried over. */
class CarryOverTest {
    private static final Actor ADMIN = new Actor("root", Role.ADMIN);
    private static final CycleId NEXT = CycleId.of("2027-01");
    private static final LocalDate NEXT_START = LocalDate.of(2027, 1, 1);

    private final Store store = Store.open("jdbc:h2:mem:carry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(4, 5).build();

    @BeforeEach
    void previousCycle() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().editPolicy(lab.cycle(), current -> TestPolicies.everyFieldChanged(), null, ADMIN);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewCycleCopiesEveryFieldOfThePreviousPolicyAndTheDeadline() {
        Versioned<Cycle> created = application
                .cycles()
                .create(NEXT, NEXT_START, UnaryOperator.identity(), LocalDate.of(2026, 12, 20), ADMIN);

        assertThat(created.value().policy()).isEqualTo(TestPolicies.everyFieldChanged());
        assertThat(application.reads().cycle(NEXT).value().askDeadline()).isEqualTo(LocalDate.of(2026, 12, 20));
    }

    @Test
    void aNewCycleCarriesOverEveryActiveProjectsAskUntilItsLeadConfirmsOrEdits() {
        application.cycles().create(NEXT, NEXT_START, UnaryOperator.identity(), null, ADMIN);
        ProjectId first = lab.projects().get(0).id();
        ProjectId second = lab.projects().get(1).id();
        Actor lead = new Actor(lab.projects().get(0).lead(), Role.LEAD);

        assertThat(application.reviews().askStatuses(NEXT, Optional.empty()))
                .hasSize(lab.asks().size())
                .allSatisfy(status -> assertThat(status.state()).isEqualTo(AskState.CARRIED));
        assertThat(store.reviews().ask(NEXT, first).orElseThrow().value().ask())
                .isEqualTo(lab.asksByProject().get(first));

        application.reviews().confirmAsk(NEXT, first, null, lead);
        application.reviews().submitAsk(NEXT, edited(second), null, ADMIN);

        assertThat(application.reviews().askStatuses(NEXT, Optional.of(AskState.CONFIRMED)))
                .extracting(AskStatus::project)
                .containsExactly(first, second);
        assertThat(application.reviews().askStatuses(NEXT, Optional.of(AskState.CARRIED)))
                .extracting(AskStatus::project)
                .doesNotContain(first, second)
                .hasSize(lab.asks().size() - 2);
    }

    @Test
    void aLeadConfirmsOnlyTheAsksOfTheProjectsItLeads() {
        application.cycles().create(NEXT, NEXT_START, UnaryOperator.identity(), null, ADMIN);
        Actor otherLead = new Actor(lab.projects().get(1).lead(), Role.LEAD);

        AllotException refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .reviews()
                        .confirmAsk(NEXT, lab.projects().get(0).id(), null, otherLead));

        assertThat(refused.code()).isEqualTo("not-your-project");
    }

    @Test
    void aProjectWithoutAnAskIsListedAsMissing() {
        ProjectId silent = lab.projects().get(2).id();
        store.lab().importLab(withoutAsk(silent), Actor.system("test"));

        application.cycles().create(NEXT, NEXT_START, UnaryOperator.identity(), null, ADMIN);

        assertThat(application.reviews().askStatuses(NEXT, Optional.of(AskState.MISSING)))
                .singleElement()
                .satisfies(status -> {
                    assertThat(status.project()).isEqualTo(silent);
                    assertThat(status.lead()).isEqualTo(lab.projects().get(2).lead());
                    assertThat(status.ask()).isNull();
                });
    }

    @Test
    void aPolicyGivenAtCreationEditsThePreviousOne() {
        Versioned<Cycle> created = application
                .cycles()
                .create(
                        NEXT,
                        NEXT_START,
                        previous -> previous.edit().yieldNoticeDays(3).build(),
                        null,
                        ADMIN);

        Policy expected =
                TestPolicies.everyFieldChanged().edit().yieldNoticeDays(3).build();
        assertThat(created.value().policy()).isEqualTo(expected);
    }

    private Lab withoutAsk(ProjectId project) {
        return lab.toBuilder()
                .asks(lab.asks().stream()
                        .filter(a -> !a.project().equals(project))
                        .toList())
                .policy(TestPolicies.everyFieldChanged())
                .build();
    }

    private static StoredAsk edited(ProjectId project) {
        return new StoredAsk(new Ask(project, 8, 8, 16, Set.of(), Map.of(), "smaller"), Evidence.NONE);
    }
}
