package dev.allot.web;

import dev.allot.application.Assignments;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
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

    private final Store store;
    private final Assignments assignments;

    QueuePage(Store store, Assignments assignments) {
        this.store = store;
        this.assignments = assignments;
    }

    String render(Page page) {
        if (page.rights().role() != Role.REVIEWER) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + page.rights().roleLabel() + " may not see a reviewer's queue. Maybe look at the"
                            + " reviewers' progress on the cycle review page?");
        }
        Cycle cycle = Cycles.require(store, page.cycle()).value();
        String me = page.rights().user();
        List<Assignments.QueueItem> items = assignments.queue(cycle.id(), me);
        int scored = (int) items.stream().filter(Assignments.QueueItem::scored).count();
        return Templates.render(
                "queue.jte", new View(page, cycle, items, new Assignments.Progress(me, items.size(), scored)));
    }
}
