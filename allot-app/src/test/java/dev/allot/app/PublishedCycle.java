package dev.allot.app;

import dev.allot.application.Application;
import dev.allot.core.model.CycleId;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.LabYaml;
import dev.allot.lab.PlanDocument;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import java.nio.file.Path;

/** An embedded store holding one cycle, drafted and then published, as 'allot serve' keeps it; for enforcer tests. */
final class PublishedCycle implements AutoCloseable {
    static final CycleId CYCLE = CycleId.of("2027-01");
    static final Actor DANA = new Actor("dana", Role.DECIDER);

    /** Two funded projects on one cluster's H100 and A100 pools (cycle 2027-01). */
    static final String LAB = dev.allot.app.slurm.SlurmCommandRun.LAB;

    final String db;
    final Store store;
    final Application application;

    /** The store at {@code folder}, with the cycle in draft and a solved draft plan. */
    PublishedCycle(Path folder) {
        db = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        store = Store.open(db, null, null);
        application = Application.over(store, Planner.create(PlannerOptions.defaults()));
        application.cycles().importLab(LabYaml.read(LAB, "lab.yaml"), Actor.system("test"));
        application.cycles().transition(CYCLE, CycleState.REVIEW, null, DANA);
        application.cycles().transition(CYCLE, CycleState.DRAFT, null, DANA);
        application.drafts().solve(CYCLE, DANA, null);
    }

    /** Publishes the draft; returns the plan as the API serves it (allot.plan/v1 JSON). */
    String publish() {
        return PlanDocument.json(store.plans().publish(CYCLE, null, "", DANA).plan());
    }

    @Override
    public void close() {
        store.close();
    }
}
