package dev.allot.core.guard;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.util.Map;
import java.util.TreeMap;

/**
 * Effective compute (GPUs x the lab's relative speed of their type) per category for a set of grants, the quantity
 * the policy's share bounds and relations are written on, and the verdicts of those rules.
 */
public final class CategoryCompute {
    private static final double TOLERANCE = 1e-6;

    private final Map<CategoryId, Double> effective;
    private final double total;

    private CategoryCompute(Map<CategoryId, Double> effective, double total) {
        this.effective = effective;
        this.total = total;
    }

    /** Compute per category of {@code grants}; projects unknown to the lab count for nothing. */
    public static CategoryCompute of(Lab lab, Map<ProjectId, Allocation> grants) {
        Map<ProjectId, Project> projects = lab.projectsById();
        Map<CategoryId, Double> effective = new TreeMap<>();
        lab.categories().forEach(category -> effective.put(category.id(), 0.0));
        double total = 0;
        for (Map.Entry<ProjectId, Allocation> grant : grants.entrySet()) {
            Project project = projects.get(grant.getKey());
            if (project == null) {
                continue;
            }
            double compute = effectiveGpus(lab, grant.getValue());
            effective.merge(project.category(), compute, Double::sum);
            total += compute;
        }
        return new CategoryCompute(effective, total);
    }

    /** GPUs weighted by the lab's relative speed of their type. */
    public static double effectiveGpus(Lab lab, Allocation allocation) {
        return allocation.effectiveGpus(lab.relativeSpeeds());
    }

    public double total() {
        return total;
    }

    public double effective(CategoryId category) {
        return effective.getOrDefault(category, 0.0);
    }

    /** The category's share of all granted compute in [0, 1]; 0 when nothing is granted. */
    public double share(CategoryId category) {
        return total <= 0 ? 0 : effective(category) / total;
    }

    public Verdict verdict(ShareRelation relation) {
        double left = effective(relation.left());
        double right = effective(relation.right());
        if (left <= TOLERANCE && right <= TOLERANCE) {
            return Verdict.VACUOUS;
        }
        return left >= relation.factor() * right - TOLERANCE * Math.max(1, right) ? Verdict.MET : Verdict.NOT_MET;
    }

    public Verdict verdict(ShareBound bound) {
        if (total <= TOLERANCE) {
            return Verdict.VACUOUS;
        }
        double share = share(bound.category());
        return share >= bound.minShare() - TOLERANCE && share <= bound.maxShare() + TOLERANCE
                ? Verdict.MET
                : Verdict.NOT_MET;
    }
}
