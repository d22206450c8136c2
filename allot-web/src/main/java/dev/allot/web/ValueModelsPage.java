package dev.allot.web;

import dev.allot.application.Drafts;
import dev.allot.application.HighWaterCache;
import dev.allot.application.Reads;
import dev.allot.application.ValueModelComparison;
import dev.allot.application.ValueModelComparison.Difference;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import java.util.List;
import java.util.Locale;

/**
 * The cycle's value models side by side (deciders): the stored cycle planned by priority weights and by evidence
 * through the same use case as {@code allot plan --compare-value-models}, listing the projects whose grant differs.
 * Solves two plans, saves neither, and keeps the comparison until the audit log's high-water mark moves (any stored
 * change, on any server), so that only the first view after a change waits for the solves.
 */
final class ValueModelsPage {
    /** A project granted differently: both grants with their decisions, and the change in effective GPUs. */
    record Row(String project, String category, String byWeights, String byEvidence, String change, int sign) {
        static Row of(Difference d) {
            double change = d.change();
            return new Row(
                    d.project().value(),
                    d.category(),
                    d.byWeights() + " (" + d.decisionByWeights() + ")",
                    d.byEvidence() + " (" + d.decisionByEvidence() + ")",
                    String.format(Locale.ROOT, "%+.1f", change),
                    change > 0 ? 1 : change < 0 ? -1 : 0);
        }
    }

    record View(
            Page page,
            Cycle cycle,
            String basis,
            int projects,
            String weightsSolve,
            String evidenceSolve,
            List<Row> rows,
            List<String> notes) {}

    private final Reads reads;
    private final Drafts drafts;
    /** The comparison of a cycle: two solves of stored data, so kept until the store changes. */
    private final HighWaterCache<ValueModelComparison> comparisons = new HighWaterCache<>(8);

    ValueModelsPage(Reads reads, Drafts drafts) {
        this.reads = reads;
        this.drafts = drafts;
    }

    String render(Page page) {
        ReviewPage.requireReviewer(page.rights());
        Cycle cycle = Cycles.require(reads, page.cycle()).value();
        Actor actor = new Actor(page.rights().user(), page.rights().role());
        // Keyed by role too, so that a role the use case refuses is refused every time, never served a kept answer.
        ValueModelComparison comparison = comparisons.get(
                cycle.id().value() + "|" + actor.role(),
                reads.changeMark(),
                () -> drafts.compareValueModels(cycle.id(), actor));
        return Templates.render(
                "valueModels.jte",
                new View(
                        page,
                        cycle,
                        cycle.policy().value().byEvidence() ? "evidence" : "weights",
                        comparison.byWeights().projects().size(),
                        ReviewPage.solver(comparison.byWeights().solve()),
                        ReviewPage.solver(comparison.byEvidence().solve()),
                        comparison.differences().stream().map(Row::of).toList(),
                        comparison.notes()));
    }
}
