package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Ask;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.ProjectId;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanWarningsTest {
    @Test
    void projectsWithJobsLargerThanTheirGrantOfAnyUsableTypeAreNamedBeforeTheRun() {
        TestLab lab = TestLab.lab()
                .type("H100", 2.0)
                .type("A100", 1.0)
                .pool("H100", 64, 8)
                .pool("A100", 64, 8)
                .project("llm", "product", "H100:8 A100:32")
                .project("vision", "exploratory", "A100:16");
        var trace = TestTrace.trace()
                .job("llm", 0, 32, 100, 0, "H100")
                .job("llm", 0, 32, 100)
                .job("llm", 0, 16, 100, 0, "H100")
                .job("vision", 0, 8, 100)
                .build();
        List<String> warnings = new ArrayList<>();

        List<SimOutcome> outcomes = strict(lab, trace, warnings);

        assertThat(warnings)
                .containsExactly(
                        "The plan can never start 2 of 4 trace jobs (50.0 %) under strict quotas, in 1 project: llm 2.",
                        "Project llm: 2 of 3 jobs need more GPUs than its grant of any type they can use"
                                + " (largest job 32 GPUs, largest usable grant 8); under strict quotas they never start.");
        assertThat(outcomes.get(0).projects())
                .filteredOn(p -> p.project().value().equals("llm"))
                .singleElement()
                .satisfies(p ->
                        assertThat(p.totals().rejected()).as("the same jobs").isEqualTo(2));
    }

    @Test
    void aPlanDraftedForAnotherFleetIsNamedPeriodByPeriodAndTheReplayFollowsTheLab() {
        TestLab drafted = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "product", "A100:8")
                .grantFrom(7, "a", "A100:16");
        var lab = drafted.buildLab()
                .withCapacityEvents(
                        List.of(dev.allot.core.model.CapacityEvent.retirement("a100-0", 8, TestLab.day(7))));
        List<String> warnings = new ArrayList<>();

        Simulator.create(SimOptions.defaults().withGroupToProject(Map.of("a", "a")))
                .compare(
                        lab,
                        drafted.buildPlan(),
                        TestTrace.trace().job("a", 0, 8, 100).build(),
                        List.of(SharingPolicies.byName("strict")),
                        null,
                        warnings::add);

        assertThat(warnings)
                .containsExactly("Plan period 2026-12-08..2027-01-26 was drafted for 16 A100 GPUs, but the lab's pools"
                        + " and capacity events give 8 then; the replay follows the lab.");
    }

    @Test
    void jobsLargerThanEveryPoolTheyCanUseAreNamedApartFromJobsLargerThanTheGrant() {
        // A 32-GPU job that only runs on H100 fits no pool (16 H100): no policy starts it. A 24-GPU job fits the
        // A100 pool but not the 8-GPU grant: only strict quotas never start it.
        TestLab lab = TestLab.lab()
                .type("H100", 2.0)
                .type("A100", 1.0)
                .pool("H100", 16, 8)
                .pool("A100", 64, 8)
                .project("llm", "product", "H100:8 A100:8")
                .project("vision", "exploratory", "A100:16");
        var trace = TestTrace.trace()
                .job("llm", 0, 32, 100, 0, "H100")
                .job("llm", 0, 24, 100, 0, "A100")
                .job("vision", 0, 32, 100)
                .job("vision", 0, 8, 100)
                .build();
        List<String> warnings = new ArrayList<>();

        List<SimOutcome> outcomes = strict(lab, trace, warnings);

        assertThat(warnings)
                .containsExactly(
                        "The plan can never start 3 of 4 trace jobs (75.0 %) under strict quotas, in 2 projects:"
                                + " llm 2, vision 1.",
                        "Project llm: 1 of 2 jobs need more GPUs than any pool of a type they can use (largest job 32"
                                + " GPUs, largest pool 16); no policy starts them.",
                        "Project llm: 1 of 2 jobs need more GPUs than its grant of any type they can use (largest job"
                                + " 24 GPUs, largest usable grant 8); under strict quotas they never start.",
                        "Project vision: 1 of 2 jobs need more GPUs than its grant of any type they can use (largest"
                                + " job 32 GPUs, largest usable grant 16); under strict quotas they never start.");
        assertThat(outcomes.get(0).projects().stream()
                        .mapToLong(p -> p.totals().rejected())
                        .sum())
                .as("the strict run rejects exactly the jobs named")
                .isEqualTo(3);
    }

    @Test
    void asksWhoseDeclaredJobShapeTheTraceContradictsAreNamedWithTheirCounts() {
        // vision declares a largest job of 8 GPUs on A100, but submits 16- and 32-GPU jobs and one that runs only on
        // H100; llm declares no shape, so it gets no such line
        TestLab test = TestLab.lab()
                .type("H100", 2.0)
                .type("A100", 1.0)
                .pool("H100", 64, 8)
                .pool("A100", 64, 8)
                .project("llm", "product", "H100:32")
                .project("vision", "exploratory", "A100:32");
        var lab = test.buildLab().toBuilder()
                .asks(List.of(
                        new Ask(ProjectId.of("llm"), 8, 32, 32, Set.of(), Map.of(), ""),
                        new Ask(ProjectId.of("vision"), 8, 32, 32, Set.of(), Map.of(), "")
                                .withJobShape(Optional.of(new JobShape(8, Set.of(GpuTypeId.of("A100")))))))
                .build();
        var trace = TestTrace.trace()
                .job("vision", 0, 16, 100)
                .job("vision", 0, 32, 100)
                .job("vision", 0, 8, 100, 0, "H100")
                .job("vision", 0, 4, 100, 0, "A100")
                .job("llm", 0, 8, 100)
                .build();
        List<String> warnings = new ArrayList<>();

        strict(lab, test.buildPlan(), trace, warnings);

        assertThat(warnings)
                .containsExactly(
                        "The plan can never start 1 of 5 trace jobs (20.0 %) under strict quotas, in 1 project:"
                                + " vision 1.",
                        "Project vision: 1 of 4 jobs need more GPUs than its grant of any type they can use (largest"
                                + " job 8 GPUs, largest usable grant 0); under strict quotas they never start.",
                        "Project vision declares a largest job of 8 GPUs, but 2 of its 4 trace jobs ask for 16-32 GPUs;"
                                + " the plan's job-shape rules do not see them. Maybe a largest job of 32 GPUs?",
                        "Project vision declares jobs that run on A100, but 1 of its 4 trace jobs run only on H100,"
                                + " which the plan does not grant it. Maybe add them to its job shape's GPU types?");
    }

    /** The lab's plan replayed under strict quotas, groups mapped to the projects of the same name. */
    private static List<SimOutcome> strict(TestLab lab, Trace trace, List<String> warnings) {
        return strict(lab.buildLab(), lab.buildPlan(), trace, warnings);
    }

    private static List<SimOutcome> strict(
            dev.allot.core.model.Lab lab, dev.allot.core.model.Plan plan, Trace trace, List<String> warnings) {
        return Simulator.create(SimOptions.defaults().withGroupToProject(Map.of("llm", "llm", "vision", "vision")))
                .compare(lab, plan, trace, List.of(SharingPolicies.byName("strict")), null, warnings::add);
    }
}
