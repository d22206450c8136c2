package dev.allot.core.planner;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the policy rules that cannot all hold. A deletion filter over rule groups (capacity per type, each pin, each
 * override, each share bound or relation, continuity): drop one group at a time and keep it dropped if the rest is
 * still infeasible. What remains is a minimal conflicting set (Chinneck, "Feasibility and Infeasibility in
 * Optimization", 2008, ch. 6), reported in words.
 */
final class ConflictFinder {
    private static final Set<String> STRUCTURAL = Set.of("floor", "ceiling", "value", "stability", "structure");

    private ConflictFinder() {}

    static AllotException explain(AllocationModel allocation, Lab lab, PlannerOptions options) {
        LinearModel model = allocation.model;
        Set<String> candidates = new LinkedHashSet<>();
        for (Row row : model.rows()) {
            if (!STRUCTURAL.contains(row.group())) {
                candidates.add(row.group());
            }
        }
        PlannerOptions quick = options.withTimeLimit(Duration.ofSeconds(5));
        Set<String> conflict = new LinkedHashSet<>(candidates);
        if (feasibleWith(model, Set.of(), quick)) {
            for (String group : candidates) {
                Set<String> without = new LinkedHashSet<>(conflict);
                without.remove(group);
                if (!feasibleWith(model, without, quick)) {
                    conflict = without;
                }
            }
        }
        List<String> described = new ArrayList<>();
        conflict.forEach(group -> described.add(GroupText.describe(group, allocation, lab)));
        String message = "The policy cannot be met: " + String.join("; ", described)
                + (described.size() > 1 ? " cannot all hold together." : " cannot hold.")
                + " Maybe lower a pin, relax a share bound or the reserve, or drop an override.";
        return new AllotException(AllotException.Kind.INFEASIBLE, "POLICY_INFEASIBLE", message);
    }

    private static boolean feasibleWith(LinearModel model, Set<String> groups, PlannerOptions options) {
        SolverOutcome outcome = Engine.named(options.engine())
                .solve(
                        model,
                        row -> STRUCTURAL.contains(row.group()) || groups.contains(row.group()),
                        false,
                        options,
                        ProgressListener.NONE);
        return outcome.status() != SolverOutcome.Status.INFEASIBLE;
    }
}
