package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.evidence.ComputeCurve;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.Direction;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.Metric;
import dev.allot.evidence.Visibility;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The same lab planned by weights and by evidence: the policy's value option decides, through real fits. */
class EvidenceValuationTest {
    private static final Metric LOSS =
            new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final ComputeCurve LAW =
            new ComputeCurve(2.0, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
    private static final ProjectId STEEP = ProjectId.of("steep");
    private static final ProjectId SATURATED = ProjectId.of("saturated");
    private static final ProjectId SPARSE = ProjectId.of("sparse");
    private static final CategoryId RESEARCH = CategoryId.of("research");

    @Test
    void evidenceMovesGpusFromTheSaturatedProjectToTheSteepOne() {
        Map<ProjectId, List<EvidenceSeries>> evidence = Map.of(
                STEEP, List.of(series(STEEP, 100, 200, 400, 700, 1_000)),
                SATURATED, List.of(series(SATURATED, 1e6, 2e6, 4e6, 7e6, 1e7)));
        Lab byWeights = lab(ValueBasis.WEIGHTS, 2);
        Lab byEvidence = lab(ValueBasis.EVIDENCE, 2);

        EvidenceValuation weights = EvidenceValuation.of(byWeights, evidence, options());
        EvidenceValuation valued = EvidenceValuation.of(byEvidence, evidence, options());
        Plan weightsPlan = Planner.create(weights.options()).plan(byWeights);
        Plan evidencePlan = Planner.create(valued.options()).plan(byEvidence);

        assertThat(weights.notes()).isEmpty();
        assertThat(grant(weightsPlan, STEEP)).isEqualTo(grant(weightsPlan, SATURATED));
        assertThat(grant(evidencePlan, STEEP)).isGreaterThan(grant(weightsPlan, STEEP));
        assertThat(grant(evidencePlan, SATURATED)).isLessThan(grant(weightsPlan, SATURATED));
        assertThat(valued.notes())
                .hasSize(2)
                .allSatisfy(note -> assertThat(note).contains("valued by its validation-loss curve"));
        assertThat(PlanInvariants.check(byEvidence, evidencePlan)).isEmpty();
    }

    @Test
    void theComparisonPlansBothValueModelsAndListsTheProjectsThatDifferLargestMoveFirst() {
        Map<ProjectId, List<EvidenceSeries>> evidence = Map.of(
                STEEP, List.of(series(STEEP, 100, 200, 400, 700, 1_000)),
                SATURATED, List.of(series(SATURATED, 1e6, 2e6, 4e6, 7e6, 1e7)));
        Lab lab = lab(ValueBasis.WEIGHTS, 2);

        ValueModelComparison comparison = ValueModelComparison.of(lab, evidence, options());

        assertThat(comparison.byWeights().projects())
                .isEqualTo(Planner.create(options()).plan(lab).projects());
        assertThat(comparison.notes()).hasSize(2);
        assertThat(comparison.differences())
                .extracting(ValueModelComparison.Difference::project)
                .containsExactlyInAnyOrder(STEEP, SATURATED);
        ValueModelComparison.Difference steep = comparison.differences().stream()
                .filter(d -> d.project().equals(STEEP))
                .findFirst()
                .orElseThrow();
        assertThat(steep.change()).isPositive();
        assertThat(steep.effectiveByEvidence()).isEqualTo(grant(comparison.byEvidence(), STEEP));
        assertThat(comparison.differences())
                .isSortedAccordingTo(java.util.Comparator.comparingDouble(
                        (ValueModelComparison.Difference d) -> -Math.abs(d.change())));
    }

    @Test
    void aProjectWithoutAUsableFitKeepsItsWeightAndTheReasonIsSaid() {
        Map<ProjectId, List<EvidenceSeries>> evidence = Map.of(SPARSE, List.of(series(SPARSE, 100, 200, 400)));
        Lab lab = lab(ValueBasis.EVIDENCE, 3);

        EvidenceValuation valued = EvidenceValuation.of(lab, evidence, options());

        assertThat(valued.notes())
                .containsExactly("sparse: valued by priority weight (validation-loss: 3 points: too few to fit;"
                        + " need >= 5)");
    }

    private static EvidenceSeries series(ProjectId project, double... compute) {
        List<EvidencePoint> points = DoubleStream.of(compute)
                .mapToObj(c -> EvidencePoint.of(c, LAW.metric(c)))
                .toList();
        return new EvidenceSeries(project, LOSS, ComputeUnit.GPU_HOURS, "test", points);
    }

    private static PlannerOptions options() {
        return PlannerOptions.defaults().withWorkers(1);
    }

    private static int grant(Plan plan, ProjectId project) {
        return plan.projects().stream()
                .filter(p -> p.project().equals(project))
                .findFirst()
                .orElseThrow()
                .grant()
                .totalGpus();
    }

    private static Lab lab(ValueBasis basis, int projects) {
        GpuTypeId h100 = GpuTypeId.of("H100");
        Policy policy = Policy.defaults()
                .edit()
                .reserveFraction(0)
                .relations(List.of())
                .value(new ValuePolicy(basis, 720, 1.44e18, Map.of(RESEARCH, 100.0), Map.of()))
                .build();
        List<ProjectId> ids = List.of(STEEP, SATURATED, SPARSE);
        return Lab.builder()
                .name("evidence-lab")
                .cycle(CycleId.of("2026-Q1"))
                .cycleStart(LocalDate.of(2026, 1, 1))
                .gpuTypes(List.of(new GpuType(h100, 1.0)))
                .pools(List.of(new Pool("h100-pool", "main", h100, 64, 8)))
                .categories(List.of(new Category(RESEARCH, "")))
                .projects(ids.stream()
                        .limit(projects)
                        .map(id -> new Project(id, id.value(), RESEARCH, "lead", List.of(), ProjectStatus.ACTIVE))
                        .toList())
                .asks(ids.stream()
                        .limit(projects)
                        .map(id -> new Ask(id, 8, 32, 64, Set.of(), Map.of(), ""))
                        .toList())
                .scores(ids.stream()
                        .limit(projects)
                        .map(id -> new Score(id, "reviewer", 6, ""))
                        .toList())
                .policy(policy)
                .build();
    }
}
