package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Binding;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: a story, the project it is about, and the decision and explanation a project lead would read. */
class ExplanationTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());

    record Case(
            String story,
            Lab lab,
            String project,
            Decision decision,
            List<String> bindingCodes,
            List<String> summaryAndChanges) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                        new Case(
                                "a small ask is met in full and says it hit its ceiling",
                                lab().gpus("H100", 1, 64, 8)
                                        .project("a", "x")
                                        .ask(8, 16, 16)
                                        .build(),
                                "a",
                                Decision.NEW,
                                List.of("ceiling"),
                                List.of("Granted 16 GPUs", "new this cycle")),
                        new Case(
                                "a low-priority newcomer on a full H100 fleet learns the priority that would fund it",
                                lab().gpus("H100", 1, 16, 8)
                                        .project("strong", "x")
                                        .ask(16, 16, 16)
                                        .priority(9)
                                        .project("weak", "x")
                                        .ask(16, 16, 16)
                                        .priority(3)
                                        .build(),
                                "weak",
                                Decision.DECLINED,
                                List.of(),
                                List.of("Not funded", "Funded if its priority were >= 9.00 (now 3.00), with H100:16")),
                        new Case(
                                "an H100-only project is told that accepting A100 would fund it",
                                lab().gpus("H100", 1, 16, 8)
                                        .gpus("A100", 0.5, 64, 8)
                                        .project("strong", "x")
                                        .ask(16, 16, 16, "H100")
                                        .priority(9)
                                        .project("picky", "x")
                                        .ask(16, 16, 16, "H100")
                                        .priority(5)
                                        .build(),
                                "picky",
                                Decision.DECLINED,
                                List.of(),
                                List.of("if it accepted A100")),
                        new Case(
                                "a continuing project cut by continuity learns what it would take to keep more",
                                lab().gpus("H100", 1, 64, 8)
                                        .maxChange(0.5)
                                        .project("old", "x")
                                        .ask(8, 64, 64)
                                        .priority(2)
                                        .had("H100", 64)
                                        .project("new", "x")
                                        .ask(8, 32, 32)
                                        .priority(9)
                                        .build(),
                                "old",
                                Decision.SHRINK,
                                List.of("continuity:max-shrink", "capacity:H100"),
                                List.of(
                                        "shrinks from 64",
                                        "Would get one more H100 node (8 GPUs, or as much compute of other types) if its priority were >=")),
                        new Case(
                                "growth is held to the policy's max change even with idle GPUs",
                                lab().gpus("H100", 1, 128, 8)
                                        .maxChange(0.5)
                                        .project("a", "x")
                                        .ask(8, 128, 128)
                                        .had("H100", 32)
                                        .build(),
                                "a",
                                Decision.GROW,
                                List.of("continuity:max-growth"),
                                List.of("grows from 32")),
                        new Case(
                                "product is held back by exploratory >= product and is told so",
                                lab().gpus("H100", 1, 64, 8)
                                        .relation("exploratory", 1, "product")
                                        .project("p", "product")
                                        .ask(8, 64, 64)
                                        .priority(10)
                                        .project("e", "exploratory")
                                        .ask(8, 24, 24)
                                        .priority(2)
                                        .build(),
                                "p",
                                Decision.NEW,
                                List.of("relation:exploratory >= product"),
                                List.of("Granted 24 GPUs")),
                        new Case(
                                "a pinned project says the deciders pinned it",
                                lab().gpus("H100", 1, 64, 8)
                                        .project("a", "x")
                                        .ask(8, 8, 8)
                                        .pin("H100", 24)
                                        .build(),
                                "a",
                                Decision.NEW,
                                List.of("pin"),
                                List.of("Holds its pinned grant of H100:24")),
                        new Case(
                                "a killed project says the deciders killed it and yields by the notice date",
                                lab().gpus("H100", 1, 64, 8)
                                        .project("a", "x")
                                        .ask(8, 8, 8)
                                        .had("H100", 8)
                                        .kill()
                                        .build(),
                                "a",
                                Decision.KILL,
                                List.of("override:kill"),
                                List.of("the deciders killed it")),
                        new Case(
                                "a paused project gets nothing and is told why",
                                lab().gpus("H100", 1, 64, 8)
                                        .project("a", "x")
                                        .ask(8, 8, 8)
                                        .status(ProjectStatus.PAUSED)
                                        .had("H100", 8)
                                        .build(),
                                "a",
                                Decision.KILL,
                                List.of("not-plannable"),
                                List.of("the project is paused")),
                        new Case(
                                "a top-priority project that cannot win even at priority 10 is told so",
                                lab().gpus("H100", 1, 16, 8)
                                        .project("huge", "x")
                                        .ask(16, 16, 16)
                                        .priority(10)
                                        .had("H100", 16)
                                        .project("floor-too-big", "x")
                                        .ask(16, 16, 16)
                                        .priority(10)
                                        .had("H100", 0)
                                        .build(),
                                "floor-too-big",
                                Decision.DECLINED,
                                List.of(),
                                List.of("Not funded")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explainsTheGrant(Case story) {
        Plan plan = PLANNER.plan(story.lab());
        assertThat(PlanInvariants.check(story.lab(), plan)).isEmpty();
        ProjectPlan line = plan.project(ProjectId.of(story.project())).orElseThrow();
        assertThat(line.decision()).isEqualTo(story.decision());
        assertThat(line.explanation().binding()).extracting(Binding::code).containsAll(story.bindingCodes());
        String text = line.explanation().summary() + "\n"
                + String.join("\n", line.explanation().whatWouldChange());
        assertThat(text).contains(story.summaryAndChanges());
    }
}
