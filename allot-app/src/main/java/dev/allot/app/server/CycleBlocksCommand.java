package dev.allot.app.server;

import dev.allot.application.Blocks;
import dev.allot.core.model.Block;
import dev.allot.core.model.CycleId;
import dev.allot.store.StoredPlan;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code allot cycle blocks CYCLE}: the cycle's reserved blocks and where the plan placed each. */
@Command(
        name = "blocks",
        mixinStandardHelpOptions = true,
        description = "Show the cycle's reserved blocks, project by project: GPUs, type and days, the window they"
                + " may run in, and where the plan shown (the draft, or the latest published version when the draft"
                + " has not changed since) placed each, or why it could not.")
final class CycleBlocksCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
    String id;

    @Override
    public Integer call() {
        CycleId cycle = CycleCommand.cycleId(id);
        return store.runUseCases(application -> {
            List<Block> asked = application.blocks().list(cycle);
            if (asked.isEmpty()) {
                System.out.println("Cycle " + id + " has no reserved blocks.");
                return;
            }
            Optional<StoredPlan> plan = application.reads().shownPlan(cycle);
            System.out.println("Reserved blocks of cycle " + id + ", placed by "
                    + plan.map(p -> p.kind().name().toLowerCase(Locale.ROOT) + " v" + p.version())
                            .orElse("no plan yet"));
            for (Blocks.Scheduled scheduled : Blocks.schedule(asked, plan.map(StoredPlan::plan))) {
                Block block = scheduled.block();
                System.out.printf(
                        Locale.ROOT,
                        "  %-24s %-22s window %s..%s  %s%n",
                        block.project(),
                        block.describe(),
                        block.earliestStart(),
                        block.latestEnd().minusDays(1),
                        scheduled
                                .placed()
                                .map(placed -> "placed " + placed.start() + ".."
                                        + placed.end().minusDays(1))
                                .orElse(plan.isPresent() ? "NOT PLACED" : ""));
                if (scheduled.placed().isEmpty() && !scheduled.explanation().isEmpty()) {
                    System.out.println("    " + scheduled.explanation());
                }
            }
        });
    }
}
