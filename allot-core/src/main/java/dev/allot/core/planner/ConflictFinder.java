package dev.allot.core.planner;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the rules that cannot all hold. The candidates are rule groups (capacity per type, each project's floor,
 * ceiling, continuity, pin and override, each share bound and relation); QuickXplain (Junker, "QUICKXPLAIN:
 * Preferred Explanations and Relaxations for Over-Constrained Problems", AAAI 2004) splits them in halves and finds a
 * minimal set that is infeasible on its own with a number of feasibility checks that grows with the size of the
 * conflict times the logarithm of the number of groups, so it stays quick for thousands of projects. The result is
 * reported in words, always naming the projects and rules it involves.
 */
final class ConflictFinder {
    private ConflictFinder() {}

    /** Whether the conflict search may drop a family's rules; the rest (structure of the model) always hold. */
    static boolean relaxable(RuleFamily family) {
        return switch (family) {
            case CAPACITY,
                    FLOOR,
                    CEILING,
                    CONTINUITY,
                    PIN,
                    OVERRIDE,
                    SHARE_MIN,
                    SHARE_MAX,
                    RELATION,
                    USAGE,
                    BUDGET,
                    CATEGORY_BUDGET -> true;
            case NOT_PLANNABLE, VALUE, STABILITY, BLOCK -> false;
        };
    }

    static AllotException explain(AllocationModel allocation, Lab lab, PlannerOptions options) {
        List<RuleGroup> conflict = minimalConflict(allocation.model, options);
        List<String> described = new ArrayList<>();
        conflict.forEach(group -> described.add(GroupText.describe(group, allocation, lab)));
        String message = "The policy cannot be met: " + String.join("; ", described)
                + (described.size() > 1 ? " cannot all hold together." : " cannot hold.")
                + " Maybe lower a pin, relax a share bound or the reserve, or drop an override.";
        return new AllotException(AllotException.Kind.INFEASIBLE, "POLICY_INFEASIBLE", message);
    }

    /** A minimal infeasible set of rule groups, in model order; every candidate if none can be isolated. */
    static List<RuleGroup> minimalConflict(LinearModel model, PlannerOptions options) {
        Set<RuleGroup> candidates = new LinkedHashSet<>();
        for (Row row : model.rows()) {
            if (relaxable(row.group().family())) {
                candidates.add(row.group());
            }
        }
        Search search = new Search(model, options.withTimeLimit(Duration.ofSeconds(5)));
        if (!search.feasible(Set.of())) {
            return List.copyOf(candidates);
        }
        Set<RuleGroup> conflict = search.quickXplain(Set.of(), false, List.copyOf(candidates));
        return candidates.stream().filter(conflict::contains).toList();
    }

    private record Search(LinearModel model, PlannerOptions options) {
        /** The part of {@code candidates} that, with {@code background}, is minimally infeasible. */
        Set<RuleGroup> quickXplain(Set<RuleGroup> background, boolean added, List<RuleGroup> candidates) {
            if (added && !feasible(background)) {
                return Set.of();
            }
            if (candidates.isEmpty()) {
                return Set.of();
            }
            if (candidates.size() == 1) {
                return Set.of(candidates.get(0));
            }
            int half = candidates.size() / 2;
            List<RuleGroup> first = candidates.subList(0, half);
            List<RuleGroup> second = candidates.subList(half, candidates.size());
            Set<RuleGroup> fromSecond = quickXplain(union(background, first), !first.isEmpty(), second);
            Set<RuleGroup> fromFirst = quickXplain(union(background, fromSecond), !fromSecond.isEmpty(), first);
            return union(fromFirst, fromSecond);
        }

        boolean feasible(Set<RuleGroup> groups) {
            SolverOutcome outcome = Engine.named(options.engine())
                    .solve(
                            model,
                            row -> !relaxable(row.group().family()) || groups.contains(row.group()),
                            false,
                            options,
                            ProgressListener.NONE);
            return outcome.status() != SolverOutcome.Status.INFEASIBLE;
        }

        private static Set<RuleGroup> union(Set<RuleGroup> left, java.util.Collection<RuleGroup> right) {
            Set<RuleGroup> union = new HashSet<>(left);
            union.addAll(right);
            return union;
        }
    }
}
