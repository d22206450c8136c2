package dev.allot.web;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.util.Optional;

/** Solving a cycle as stored (policy, pins, overrides) and saving the result as its draft, as the API does. */
final class Drafts {
    /** The saved draft and how many projects' grants differ from the draft it replaced. */
    record Solved(StoredPlan draft, long changedProjects) {}

    private Drafts() {}

    /** Throws the planner's INFEASIBLE problem (naming the conflicting rules) when the policy cannot be met. */
    static Solved solve(Store store, Planner planner, CycleId cycle, Actor actor, Integer expectedDraftVersion) {
        Optional<StoredPlan> before = store.plans().draft(cycle);
        Plan plan = planner.plan(store.lab().export(cycle));
        StoredPlan saved = store.plans().saveDraft(cycle, plan, expectedDraftVersion, actor);
        long changed = plan.projects().stream()
                .filter(line -> before.flatMap(b -> b.plan().project(line.project()))
                        .map(old -> !old.grant().equals(line.grant()))
                        .orElse(true))
                .count();
        return new Solved(saved, changed);
    }
}
