package dev.allot.application;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.evidence.EvidenceSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab planned twice, once valuing compute by priority weights and once by evidence (the policy's {@code value}
 * set to each basis, every other setting as it is), with the projects whose grants differ. A lab compares the two
 * value models before it switches.
 *
 * @param byWeights the plan under {@code value: weights}
 * @param byEvidence the plan under {@code value: evidence}
 * @param notes why each project with evidence was or was not valued by its curve
 * @param differences projects whose grant differs, largest move in effective GPUs first
 */
public record ValueModelComparison(Plan byWeights, Plan byEvidence, List<String> notes, List<Difference> differences) {
    public ValueModelComparison {
        notes = List.copyOf(notes);
        differences = List.copyOf(differences);
    }

    /** A project granted differently by the two value models; effective GPUs at the lab's relative speeds. */
    public record Difference(
            ProjectId project,
            String category,
            Allocation byWeights,
            Allocation byEvidence,
            double effectiveByWeights,
            double effectiveByEvidence,
            String decisionByWeights,
            String decisionByEvidence) {
        /** Effective GPUs the evidence model gives more (negative: fewer). */
        public double change() {
            return effectiveByEvidence - effectiveByWeights;
        }
    }

    /**
     * Solves both plans of {@code lab}.
     *
     * @param evidence each project's series (projects absent have none)
     */
    public static ValueModelComparison of(Lab lab, Map<ProjectId, List<EvidenceSeries>> evidence, PlannerOptions base) {
        Plan byWeights = Planner.create(base).plan(basis(lab, ValueBasis.WEIGHTS));
        Lab evidenceLab = basis(lab, ValueBasis.EVIDENCE);
        EvidenceValuation valuation = EvidenceValuation.of(evidenceLab, evidence, base);
        Plan byEvidence = Planner.create(valuation.options()).plan(evidenceLab);
        return new ValueModelComparison(
                byWeights, byEvidence, valuation.notes(), differences(lab, byWeights, byEvidence));
    }

    private static Lab basis(Lab lab, ValueBasis basis) {
        return lab.withPolicy(
                lab.policy().edit().value(lab.policy().value().withBasis(basis)).build());
    }

    private static List<Difference> differences(Lab lab, Plan byWeights, Plan byEvidence) {
        List<Difference> differences = new ArrayList<>();
        for (ProjectPlan weighted : byWeights.projects()) {
            Optional<ProjectPlan> evidenced = byEvidence.project(weighted.project());
            Allocation other = evidenced.map(ProjectPlan::grant).orElse(Allocation.NONE);
            if (other.equals(weighted.grant())) {
                continue;
            }
            differences.add(new Difference(
                    weighted.project(),
                    weighted.category().value(),
                    weighted.grant(),
                    other,
                    weighted.grant().effectiveGpus(lab.relativeSpeeds()),
                    other.effectiveGpus(lab.relativeSpeeds()),
                    weighted.decision().label(),
                    evidenced.map(p -> p.decision().label()).orElse("-")));
        }
        differences.sort(Comparator.comparingDouble((Difference d) -> -Math.abs(d.change()))
                .thenComparing(d -> d.project().value()));
        return differences;
    }
}
