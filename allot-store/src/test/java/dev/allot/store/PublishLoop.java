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
        // A draft that is already the latest published version is not published again, so the loop alternates two
        // plans of the lab (with and without explanations). After the first kill both are in the store: reusing them
        // keeps each round to a JVM start and the publishes, so a long run spends its time being killed, not solving.
        List<Plan> plans = store.plans().published(cycle).stream()
                .map(StoredPlan::plan)
                .distinct()
                .toList();
        if (plans.size() < 2) {
            plans = List.of(
                    Planner.create(PlannerOptions.defaults()).plan(lab),
                    Planner.create(PlannerOptions.defaults().withExplain(false)).plan(lab));
        }
        System.out.println("ready");
        System.out.flush();
        Plan latest = store.plans().latestPublished(cycle).map(StoredPlan::plan).orElse(null);
        while (true) {
            Plan next = plans.get(0).equals(latest) ? plans.get(1) : plans.get(0);
            store.plans().saveDraft(cycle, next, null, decider);
            StoredPlan version = store.plans().publish(cycle, null, "loop", decider);
            latest = next;
            System.out.println("published " + version.version());
            System.out.flush();
        }
    }
}
