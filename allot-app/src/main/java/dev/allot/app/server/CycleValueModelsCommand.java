package dev.allot.app.server;

import dev.allot.app.ValueModelTable;
import dev.allot.application.ValueModelComparison;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code allot cycle value-models CYCLE}: the stored cycle planned under both value models, saving neither. */
@Command(
        name = "value-models",
        mixinStandardHelpOptions = true,
        description = "Plan the stored cycle twice, valuing compute by priority weights and by its evidence curves,"
                + " and list the projects whose grants differ. Saves nothing (as the web page Compare value"
                + " models does); deciders and admins only.")
final class CycleValueModelsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
    String id;

    @Override
    public Integer call() {
        return store.runSolving(application -> {
            ValueModelComparison comparison =
                    application.drafts().compareValueModels(CycleCommand.cycleId(id), store.actor());
            comparison.notes().forEach(note -> System.err.println("evidence: " + note));
            System.out.print(ValueModelTable.render(comparison));
        });
    }
}
