package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.core.planner.ValueModel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evidence value model through the real planner: same priority, different curves, different grants. */
class EvidencePlannerTest {
    private static final Metric LOSS =
            new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final ComputeCurve CURVE =
            new ComputeCurve(2.0, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
    private static final ProjectId STEEP = ProjectId.of("steep");
    private static final ProjectId SATURATED = ProjectId.of("saturated");

    @Test
    void evidenceMovesGpusFromASaturatedProjectToASteepOneAtEqualPriority() {
        Lab lab = twoProjectsOneFleet();
        // Same law, same worth; one project is at 1,000 GPU-hours on it, the other at 10 million, where another
        // cycle of GPUs buys almost nothing.
        EvidenceValueModel evidence = EvidenceValueModel.of(Map.of(
                STEEP, new CompiledCurve(CURVE, 1_000, 720, 100, LOSS),
                SATURATED, new CompiledCurve(CURVE, 1e7, 720, 100, LOSS)));

        Plan byWeights = plan(lab, ValueModel.targetThenDiminishing());
        Plan byEvidence = plan(lab, evidence);

        assertThat(grant(byWeights, STEEP))
                .as("equal asks and priorities split evenly")
                .isEqualTo(grant(byWeights, SATURATED));
        assertThat(grant(byEvidence, STEEP)).isGreaterThan(grant(byWeights, STEEP));
        assertThat(grant(byEvidence, SATURATED)).isLessThan(grant(byWeights, SATURATED));
        assertThat(grant(byEvidence, STEEP) + grant(byEvidence, SATURATED)).isEqualTo(64);
        assertThat(PlanInvariants.check(lab, byEvidence)).isEmpty();
    }

    @Test
    void withoutCurvesTheEvidenceModelPlansAsThePriorityWeightsDo() {
        Lab lab = twoProjectsOneFleet();

        Plan byWeights = plan(lab, ValueModel.targetThenDiminishing());
        Plan byEmptyEvidence = plan(lab, EvidenceValueModel.of(Map.of()));

        assertThat(grant(byEmptyEvidence, STEEP)).isEqualTo(grant(byWeights, STEEP));
        assertThat(grant(byEmptyEvidence, SATURATED)).isEqualTo(grant(byWeights, SATURATED));
    }

    @Test
    void explanationsSpeakTheMetricOfTheNextGpuAndOfTheHolderItWouldComeFrom() {
        Lab fresh = twoProjectsOneFleet();
        // The saturated project held 32 H100 last cycle; continuity (50 %) keeps at least 16 of them with it.
        Lab lab = fresh.toBuilder()
                .history(List.of(
                        new PastCycle(CycleId.of("2025-Q4"), Map.of(SATURATED, Allocation.of("H100", 32)), Map.of())))
                .build();
        CompiledCurve steep = new CompiledCurve(CURVE, 1_000, 720, 100, LOSS);
        CompiledCurve saturated = new CompiledCurve(CURVE, 1e7, 720, 100, LOSS);
        Plan byEvidence = plan(lab, EvidenceValueModel.of(Map.of(STEEP, steep, SATURATED, saturated)));
        int steepGpus = grant(byEvidence, STEEP);
        int saturatedGpus = grant(byEvidence, SATURATED);
        assertThat(steepGpus).as("below its ceiling, so it has a next GPU").isLessThan(64);

        String expected = "In its metric: "
                + EvidenceExplanation.compare(List.of(
                        EvidenceExplanation.nthGpu(STEEP, steep, steepGpus + 1, "H100", 1.0),
                        new EvidenceExplanation.Marginal(
                                SATURATED, saturated, saturatedGpus, "H100", 1.0, saturatedGpus - 1)))
                + ", the last H100 of the holder to whom one is worth least.";
        assertThat(changes(byEvidence, STEEP)).contains(expected);
        assertThat(expected)
                .matches("In its metric: the " + EvidenceExplanation.ordinal(steepGpus + 1)
                        + " H100 for project steep buys an expected"
                        + " [0-9.]+ lower validation-loss \\(worth [0-9.]+\\); for saturated [0-9.E-]+ \\(worth"
                        + " [0-9.E-]+\\), the last H100 .*");
        assertThat(String.join("\n", changes(plan(lab, ValueModel.targetThenDiminishing()), STEEP)))
                .as("valued by weights, nothing to say in a metric")
                .doesNotContain("In its metric");
    }

    private static List<String> changes(Plan plan, ProjectId project) {
        return plan.project(project).orElseThrow().explanation().whatWouldChange();
    }

    private static Plan plan(Lab lab, ValueModel valueModel) {
        PlannerOptions defaults = PlannerOptions.defaults();
        return Planner.create(new PlannerOptions(
                        defaults.timeLimit(),
                        defaults.relativeGap(),
                        defaults.seed(),
                        1,
                        valueModel,
                        true,
                        defaults.engine()))
                .plan(lab);
    }

    private static int grant(Plan plan, ProjectId project) {
        return plan.projects().stream()
                .filter(p -> p.project().equals(project))
                .findFirst()
                .orElseThrow()
                .grant()
                .totalGpus();
    }

    private static Lab twoProjectsOneFleet() {
        GpuTypeId h100 = GpuTypeId.of("H100");
        CategoryId research = CategoryId.of("research");
        Policy policy = Policy.defaults()
                .edit()
                .reserveFraction(0)
                .relations(List.of())
                .maxChangeFraction(0.5)
                .granularity(Granularity.NODE)
                .build();
        return Lab.builder()
                .name("evidence-lab")
                .cycle(CycleId.of("2026-Q1"))
                .cycleStart(LocalDate.of(2026, 1, 1))
                .gpuTypes(List.of(new GpuType(h100, 1.0)))
                .pools(List.of(new Pool("h100-pool", "main", h100, 64, 8)))
                .categories(List.of(new Category(research, "")))
                .projects(List.of(
                        new Project(STEEP, "Steep", research, "lead", List.of(), ProjectStatus.ACTIVE),
                        new Project(SATURATED, "Saturated", research, "lead", List.of(), ProjectStatus.ACTIVE)))
                .asks(List.of(
                        new Ask(STEEP, 8, 32, 64, Set.of(), Map.of(), ""),
                        new Ask(SATURATED, 8, 32, 64, Set.of(), Map.of(), "")))
                .scores(List.of(new Score(STEEP, "reviewer", 6, ""), new Score(SATURATED, "reviewer", 6, "")))
                .policy(policy)
                .build();
    }
}
