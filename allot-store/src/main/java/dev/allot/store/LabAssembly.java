package dev.allot.store;

import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Project;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads a whole lab for one cycle: the planner's input and the export's output. */
final class LabAssembly {
    private LabAssembly() {}

    static Lab assemble(Handle handle, CycleId id) {
        Cycle cycle = CycleRepository.require(handle, id).value();
        String name = handle.createQuery("SELECT setting_value FROM lab_setting WHERE name = 'lab.name'")
                .mapTo(String.class)
                .findOne()
                .orElse("lab");
        String key = id.value();
        List<Ask> asks =
                ReviewReads.asks(handle, key).stream().map(a -> a.value().ask()).toList();
        List<Project> projects =
                LabRepository.projects(handle).stream().map(Versioned::value).toList();
        return Lab.builder()
                .name(name)
                .cycle(id)
                .cycleStart(cycle.start())
                .gpuTypes(handle.createQuery("SELECT * FROM gpu_type ORDER BY position, id")
                        .map((rs, c) -> Rows.gpuType(rs))
                        .list())
                .pools(handle.createQuery("SELECT * FROM pool ORDER BY position, name")
                        .map((rs, c) -> Rows.pool(rs))
                        .list())
                .categories(handle.createQuery("SELECT * FROM category ORDER BY position, id")
                        .map((rs, c) -> Rows.category(rs))
                        .list())
                .projects(projects)
                .asks(asks)
                .scores(ReviewReads.scores(handle, key))
                .policy(cycle.policy())
                .pins(ReviewReads.pins(handle, key))
                .overrides(ReviewReads.overrides(handle, key))
                .history(history(handle, cycle))
                .capacityEvents(CapacityEvents.from(handle, cycle.start()))
                .budgets(Budgets.of(handle, key))
                .blocks(Blocks.of(handle, key))
                .build();
    }

    /** Imported past cycles, then every earlier cycle's latest published plan with the share of it that was used. */
    private static List<PastCycle> history(Handle handle, Cycle cycle) {
        List<PastCycle> history = new ArrayList<>(handle.createQuery("SELECT * FROM past_cycle ORDER BY position")
                .map((rs, ctx) -> PastCycles.read(rs))
                .list());
        List<String> earlier = handle.createQuery("SELECT c.id FROM cycle c WHERE c.start_date < :start AND EXISTS"
                        + " (SELECT 1 FROM plan p WHERE p.cycle = c.id AND p.kind = 'PUBLISHED') ORDER BY c.start_date")
                .bind("start", cycle.start())
                .mapTo(String.class)
                .list();
        for (String past : earlier) {
            PlanRepository.latestPublished(handle, CycleId.of(past))
                    .ifPresent(plan -> history.add(new PastCycle(
                            plan.cycle(),
                            plan.plan().grants(),
                            UsageRepository.usedFractions(handle, plan.cycle(), plan.plan()))));
        }
        return history;
    }
}
