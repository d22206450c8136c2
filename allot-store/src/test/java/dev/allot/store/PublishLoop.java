package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;

/**
 * The child process of {@link CrashSafetyIT}: opens the database named by its arguments (URL, user, password), then
 * saves drafts
 * and publishes them as fast as it can, printing {@code published N} after each commit, until it is killed.
 */
public final class PublishLoop {
    private PublishLoop() {}

    public static void main(String[] args) {
        Store store = Store.open(
                args[0],
                args.length > 1 && !args[1].isEmpty() ? args[1] : null,
                args.length > 2 && !args[2].isEmpty() ? args[2] : null);
        Actor admin = new Actor("root", Role.ADMIN);
        Actor decider = new Actor("ada", Role.DECIDER);
        CycleId cycle = CycleId.of("2026-12");
        if (store.cycles().find(cycle).isEmpty()) {
            store.lab().importLab(TestLabs.shaped(60, 5).build(), admin);
            store.cycles().transition(cycle, CycleState.REVIEW, null, admin);
            store.cycles().transition(cycle, CycleState.DRAFT, null, admin);
        }
        Lab lab = store.lab().export(cycle);
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);
        System.out.println("ready");
        System.out.flush();
        while (true) {
            store.plans().saveDraft(cycle, plan, null, decider);
            StoredPlan published = store.plans().publish(cycle, null, "loop", decider);
            System.out.println("published " + published.version());
            System.out.flush();
        }
    }
}
