package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.AssignmentRepository.Assignment;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deciders assign projects to reviewers by hand or round-robin by category; each reviewer sees a queue. */
class AssignmentsTest {
    private static final Actor DECIDER = new Actor("lena", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:assign-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(8, 3).build();
    private final CycleId cycle = lab.cycle();

    @BeforeEach
    void labWithThreeReviewers() {
        application.cycles().importLab(lab, Actor.system("test"));
        for (String reviewer : List.of("reviewer-a", "reviewer-b", "reviewer-c")) {
            store.tokens().create(reviewer, Role.REVIEWER, "test", Actor.system("test"));
        }
        store.tokens().create("lena", Role.DECIDER, "test", Actor.system("test"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void roundRobinDealsEveryCategoryEvenlyAcrossReviewers() {
        List<Assignment> dealt = application.assignments().roundRobin(cycle, List.of(), 1, DECIDER);

        assertThat(dealt).hasSize(lab.projects().size());
        Map<String, Long> perReviewer =
                dealt.stream().collect(Collectors.groupingBy(Assignment::reviewer, Collectors.counting()));
        assertThat(perReviewer.values()).allSatisfy(count -> assertThat(count).isBetween(2L, 3L));
        Map<ProjectId, Project> projects = lab.projectsById();
        Map<Object, Map<String, Long>> byCategory = dealt.stream()
                .collect(Collectors.groupingBy(
                        a -> projects.get(a.project()).category(),
                        Collectors.groupingBy(Assignment::reviewer, Collectors.counting())));
        // Two projects per category go to two different reviewers, not both to the first one.
        assertThat(byCategory.values())
                .allSatisfy(counts -> assertThat(counts.values())
                        .allSatisfy(count -> assertThat(count).isEqualTo(1L)));
        assertThat(application.assignments().list(cycle, DECIDER)).containsExactlyInAnyOrderElementsOf(dealt);
    }

    @Test
    void twoReviewersPerProjectAreTwoDifferentPeople() {
        List<Assignment> dealt =
                application.assignments().roundRobin(cycle, List.of("reviewer-a", "reviewer-c"), 2, DECIDER);

        assertThat(dealt).hasSize(2 * lab.projects().size()).doesNotHaveDuplicates();
        assertThat(dealt).extracting(Assignment::reviewer).containsOnly("reviewer-a", "reviewer-c");
    }

    @Test
    void progressCountsScoresOfAssignedProjectsOnly() {
        ProjectId first = lab.projects().get(0).id();
        ProjectId second = lab.projects().get(1).id();
        application
                .assignments()
                .assign(
                        cycle,
                        Map.of(first, List.of("reviewer-a", "reviewer-c"), second, List.of("reviewer-c")),
                        DECIDER);
        application.cycles().transition(cycle, dev.allot.store.CycleState.REVIEW, null, DECIDER);
        application
                .reviews()
                .score(cycle, new Score(first, "reviewer-c", 7, "solid"), new Actor("reviewer-c", Role.REVIEWER));

        assertThat(application.assignments().progress(cycle))
                .containsExactly(
                        new Assignments.Progress("reviewer-a", 1, 1),
                        new Assignments.Progress("reviewer-b", 0, 0),
                        new Assignments.Progress("reviewer-c", 2, 1));
        List<Assignments.QueueItem> queue = application.assignments().queue(cycle, "reviewer-c");
        assertThat(queue).extracting(item -> item.project().id()).containsExactly(second, first);
        assertThat(queue).extracting(Assignments.QueueItem::score).containsExactly(null, 7);
        assertThat(queue.get(0).lastOutcome()).isNotBlank();
        assertThat(application.assignments().list(cycle, new Actor("reviewer-a", Role.REVIEWER)))
                .containsExactly(new Assignment(first, "reviewer-a"));
        assertThat(application.assignments().isAssigned(cycle, second, "reviewer-a"))
                .isFalse();
    }

    @Test
    void badAssignmentsNameEveryProblemAndStoreNothing() {
        application.assignments().assign(cycle, Map.of(lab.projects().get(0).id(), List.of("reviewer-a")), DECIDER);

        var refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .assignments()
                        .assign(
                                cycle,
                                new java.util.TreeMap<>(Map.of(
                                        ProjectId.of("no-such-project"), List.of("reviewer-a"),
                                        lab.projects().get(1).id(), List.of("lena"))),
                                DECIDER));

        assertThat(refused.problems())
                .extracting(Problem::path, Problem::value, Problem::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "assignments.no-such-project", "no-such-project", "no such project"),
                        org.assertj.core.groups.Tuple.tuple(
                                "assignments." + lab.projects().get(1).id().value(), "lena", "is not a reviewer"));
        assertThat(application.assignments().list(cycle, DECIDER)).hasSize(1);
        assertThat(catchThrowableOfType(
                                AllotException.class,
                                () -> application.assignments().roundRobin(cycle, List.of(), 4, DECIDER))
                        .problems())
                .extracting(Problem::path)
                .containsExactly("perProject");
    }

    @Test
    void onlyDecidersAndAdminsAssign() {
        var refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .assignments()
                        .roundRobin(cycle, List.of(), 1, new Actor("reviewer-a", Role.REVIEWER)));

        assertThat(refused.code()).isEqualTo("role-forbidden");
        assertThat(application.assignments().list(cycle, DECIDER)).isEmpty();
    }
}
