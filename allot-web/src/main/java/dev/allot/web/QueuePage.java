package dev.allot.web;

import dev.allot.application.Assignments;
import dev.allot.application.HighWaterCache;
import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import java.util.List;

/**
 * A reviewer's home page, "my queue": the projects assigned to them in the cycle, not yet scored first, with each
 * project's evidence and last cycle's outcome, and how far they are.
 */
final class QueuePage {
    record View(Page page, Cycle cycle, List<Assignments.QueueItem> items, Assignments.Progress progress) {
        boolean mayScore() {
            return cycle.state() == CycleState.REVIEW;
        }
    }

    private final Reads reads;
    private final Assignments assignments;
    /**
     * Each reviewer's queue by cycle: built from the lab, the asks and the evidence of every assigned project, and
     * kept until the store changes (a score, an assignment, anything stored), as the board keeps its rows.
     */
    private final HighWaterCache<List<Assignments.QueueItem>> queues = new HighWaterCache<>(64);

    QueuePage(Reads reads, Assignments assignments) {
        this.reads = reads;
        this.assignments = assignments;
    }

    String render(Page page) {
        if (page.rights().role() != Role.REVIEWER) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + page.rights().roleLabel() + " may not see a reviewer's queue. Maybe look at the"
                            + " reviewers' progress on the cycle review page?");
        }
        Cycle cycle = cycle(page.cycle());
        String me = page.rights().user();
        List<Assignments.QueueItem> items =
                queues.get(cycle.id().value() + "|" + me, reads.changeMark(), () -> assignments.queue(cycle.id(), me));
        int scored = (int) items.stream().filter(Assignments.QueueItem::scored).count();
        return Templates.render(
                "queue.jte", new View(page, cycle, items, new Assignments.Progress(me, items.size(), scored)));
    }

    /** The cycle named in the URL, else the newest one. */
    private Cycle cycle(String requested) {
        if (requested != null && !requested.isBlank()) {
            return reads.cycle(CycleId.of(Slugs.require(requested, "cycle"))).value();
        }
        return reads.cycles().stream()
                .findFirst()
                .orElseThrow(() -> new AllotException(
                        ErrorCode.NO_CYCLES, "The lab has no review cycle yet. Maybe import a lab first?"))
                .value();
    }
}
