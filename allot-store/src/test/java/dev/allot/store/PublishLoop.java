package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import java.util.List;

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
        // After the first kill the plan is in the store: reusing it keeps each round to a JVM start and the publishes,
        // so a long run spends its time being killed, not loading the solver.
        List<StoredPlan> published = store.plans().published(cycle);
        Plan plan = published.isEmpty()
                ? Planner.create(PlannerOptions.defaults()).plan(lab)
                : published.get(published.size() - 1).plan();
        System.out.println("ready");
        System.out.flush();
        while (true) {
            store.plans().saveDraft(cycle, plan, null, decider);
            StoredPlan version = store.plans().publish(cycle, null, "loop", decider);
            System.out.println("published " + version.version());
            System.out.flush();
        }
    }
}
