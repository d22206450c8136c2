package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static dev.allot.core.planner.PlannerConstraintTest.line;
import static dev.allot.core.planner.PlannerConstraintTest.solve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import dev.allot.core.guard.GuardRails;
import dev.allot.core.guard.GuardRule;
import dev.allot.core.guard.GuardThresholds;
import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Decision;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Job shapes on asks: types the work cannot run on, and grants below the largest job (warn or strict). */
class JobShapeTest {
    /** 16 H100 for two projects: a (priority 9) wants 8; b (priority 3) wants 16 and its largest job needs 16. */
    private static LabBuilder scarce(JobShapes setting) {
        return lab().gpus("H100", 1, 16, 8)
                .jobShapes(setting)
                .project("a", "x")
                .ask(8, 8, 8)
                .priority(9)
                .project("b", "x")
                .ask(8, 16, 16)
                .jobShape(16)
                .priority(3);
    }

    @Test
    void typesOutsideTheJobShapeAreNotGranted() {
        // H100 is faster and plentiful, but the project's jobs only run on A100.
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .gpus("A100", 0.5, 64, 8)
                .project("a", "x")
                .ask(8, 32, 32)
                .jobShape(16, "A100")
                .build());

        assertThat(line(plan, "a").grant()).isEqualTo(Allocation.of("A100", 32));
    }

    @Test
    void underWarnAGrantBelowTheLargestJobIsAGuardRailWarningAndExplained() {
        Lab lab = scarce(JobShapes.WARN).build();
        Plan plan = solve(lab);

        assertThat(line(plan, "b").grant()).isEqualTo(Allocation.of("H100", 8));
        List<GuardWarning> warnings = GuardRails.check(lab, plan, GuardThresholds.DEFAULTS, lead -> true).stream()
                .filter(warning -> warning.rule() == GuardRule.LARGEST_JOB)
                .toList();
        assertThat(warnings)
                .extracting(GuardWarning::message)
                .containsExactly(
                        "b: the draft grants 8 H100 but its largest job needs 16 GPUs: that job will never start.");
        assertThat(line(plan, "b").explanation().summary())
                .endsWith("It grants 8 H100 but its largest job needs 16 GPUs: that job will never start.");
    }

    @Test
    void underStrictATypeIsGrantedNothingOrAtLeastTheLargestJob() {
        Plan plan = solve(scarce(JobShapes.STRICT).build());

        // 8 GPUs would not start b's largest job; a's 8 at priority 9 are worth more than b's 16 at priority 3.
        assertThat(line(plan, "a").grant()).isEqualTo(Allocation.of("H100", 8));
        assertThat(line(plan, "b").decision()).isEqualTo(Decision.DECLINED);
    }

    @Test
    void underStrictNoTypeIsSplitBelowTheLargestJob() {
        // 8 H100 + 8 A100 would fund 16 GPUs, but the 16-GPU job runs on one type: 16 of one type or nothing.
        Plan plan = solve(lab().gpus("H100", 1, 8, 8)
                .gpus("A100", 1, 16, 8)
                .jobShapes(JobShapes.STRICT)
                .project("a", "x")
                .ask(8, 8, 8, "A100")
                .priority(9)
                .project("b", "x")
                .ask(16, 16, 16)
                .jobShape(16)
                .priority(5)
                .build());

        assertThat(line(plan, "b").grant().gpus().values()).allMatch(gpus -> gpus >= 16);
    }

    @Test
    void planInvariantsRefuseAGrantBelowTheLargestJobUnderStrict() {
        Plan warned = solve(scarce(JobShapes.WARN).build());

        assertThat(PlanInvariants.check(scarce(JobShapes.STRICT).build(), warned))
                .containsExactly("b: 8 H100 is below its largest job (16 GPUs), which strict job shapes do not allow");
    }

    @Test
    void aJobShapeThatFitsNoPoolOrNamesATypeTheAskRefusesIsRefusedWithItsPath() {
        Lab lab = lab().gpus("H100", 1, 16, 8)
                .gpus("A100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 16, 16, "A100")
                .jobShape(32, "H100")
                .project("b", "x")
                .ask(8, 16, 16)
                .jobShape(128)
                .build();

        assertThat(GrantRules.check(lab))
                .extracting(Problem::code, Problem::path, Problem::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "job-shape-type-not-asked", "projects[0].ask.jobShape.gpuTypes[0]", "H100"),
                        org.assertj.core.groups.Tuple.tuple(
                                "job-shape-above-pool", "projects[1].ask.jobShape.largestJobGpus", "128"));
    }

    @Test
    void underStrictAnAskWhoseCeilingCannotHoldTheLargestJobInWholeNodesIsRefusedWithTheGrantThatWould() {
        // A 12-GPU job on 8-GPU nodes needs 2 nodes: 16 H100. A ceiling of 12 allows 8, which cannot start it;
        // before this rule the new project was silently declined and a continuing one made the lab infeasible.
        LabBuilder twelve = twelveGpuJob(JobShapes.STRICT, 12);

        assertThat(GrantRules.check(twelve.build()))
                .extracting(Problem::path, Problem::value, Problem::reason, Problem::hint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "projects[0].ask.ceiling",
                        "12",
                        "project a leaves no grant between its floor (8) and ceiling (12) that starts its largest job"
                                + " (12 GPUs): under strict job shapes a type is granted 0 or at least that job in whole"
                                + " nodes, which is 16 H100; it could never be funded",
                        "Maybe a ceiling of 16 GPUs, or a smaller largest job?"));
        assertThat(GrantRules.check(twelve.had("H100", 8).build()))
                .extracting(Problem::reason)
                .singleElement()
                .asString()
                .endsWith("as a continuing project only the deciders may drop, it would make the whole lab"
                        + " infeasible");
    }

    @Test
    void underStrictTheLargestJobIsGrantedWholeNodesThatHoldIt() {
        Lab lab = twelveGpuJob(JobShapes.STRICT, 16).build();

        assertThat(GrantRules.check(lab)).isEmpty();
        assertThat(line(solve(lab), "a").grant()).isEqualTo(Allocation.of("H100", 16));
        assertThat(GrantRules.check(twelveGpuJob(JobShapes.WARN, 12).build()))
                .as("under warn a grant of 8 is allowed, with a guard-rail warning")
                .isEmpty();
    }

    /** 64 H100 in 8-GPU nodes; project a asks 8 to {@code ceiling} GPUs and its largest job needs 12. */
    private static LabBuilder twelveGpuJob(JobShapes setting, int ceiling) {
        return lab().gpus("H100", 1, 64, 8)
                .jobShapes(setting)
                .project("a", "x")
                .ask(8, 12, ceiling)
                .jobShape(12)
                .priority(5);
    }
}
