package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rule that a policy names only what the lab has: the categories of its share bounds, relations and worths, the
 * GPU types of its per-type reserve (each within the type's capacity) and the projects of its worths. Each problem
 * names its field as the API body does: {@code shareBounds[0].category}, {@code relations[1]},
 * {@code reserveGpus.H100}, {@code value.worthPerCategory.safety}, {@code value.worthPerProject.vision-rl}.
 */
public final class PolicyReferences {
    private PolicyReferences() {}

    /** Every problem of {@code policy} against the lab's categories, fleet and projects, at once. */
    public static List<Problem> check(
            Policy policy, Collection<String> categories, Fleet fleet, Collection<String> projects) {
        List<Problem> problems = new ArrayList<>();
        List<ShareBound> bounds = policy.shareBounds();
        for (int i = 0; i < bounds.size(); i++) {
            category(bounds.get(i).category(), "shareBounds[" + i + "].category", categories, problems);
        }
        List<ShareRelation> relations = policy.relations();
        for (int i = 0; i < relations.size(); i++) {
            category(relations.get(i).left(), "relations[" + i + "]", categories, problems);
            category(relations.get(i).right(), "relations[" + i + "]", categories, problems);
        }
        for (Map.Entry<GpuTypeId, Integer> reserve : policy.reserveGpus().entrySet()) {
            String type = reserve.getKey().value();
            if (!fleet.has(type)) {
                FleetRules.gpuType(type, fleet).forEach(problem -> problems.add(problem.at("reserveGpus." + type)));
            } else {
                problems.addAll(PolicyRules.reserveGpus(type, reserve.getValue(), fleet.capacity(type)));
            }
        }
        for (CategoryId category : policy.value().worthPerCategory().keySet()) {
            category(category, "value.worthPerCategory." + category.value(), categories, problems);
        }
        for (ProjectId project : policy.value().worthPerProject().keySet()) {
            if (!projects.contains(project.value())) {
                problems.add(unknown("project", project.value(), "value.worthPerProject." + project.value(), projects));
            }
        }
        return problems;
    }

    private static void category(
            CategoryId category, String path, Collection<String> categories, List<Problem> problems) {
        if (!categories.contains(category.value())) {
            problems.add(unknown("category", category.value(), path, categories));
        }
    }

    private static Problem unknown(String what, String name, String path, Collection<String> known) {
        String hint = Suggest.hint(name, known);
        return new Problem(
                ErrorCode.POLICY_UNKNOWN_REFERENCE.code(),
                path,
                name,
                "is not a " + what + " of the lab",
                hint.isEmpty() ? "Maybe add the " + what + " to the lab first?" : hint);
    }
}
