package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.Evidences;
import dev.allot.application.HighWaterCache;
import dev.allot.application.Reads;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.store.Cycle;
import dev.allot.store.StoredPlan;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The evidence beside the review ({@code /review/evidence}), a page of series at a time. The review page does not
 * render it: it holds a link here that htmx swaps for this section once the reader scrolls to it, so the review opens
 * without fitting, describing and laying out a table of every project's evidence; without JavaScript the link opens
 * the same table as a page of its own. The lines are pure functions of stored data, so they are kept until the audit
 * log's high-water mark moves (any stored change, on any server).
 */
final class ReviewEvidencePage {
    record View(Page page, Cycle cycle, Paging.Shown<ReviewEvidence.Line> shown, Paging paging, boolean seesDraft) {
        /** The link to page {@code number} of the series at the page's size, keeping the cycle. */
        String pageLink(int number) {
            return "/review/evidence?page=" + number + paging.sizeParam() + cycleParam();
        }

        /** The link to the first page at {@code size} series a page, keeping the cycle. */
        String sizeLink(int size) {
            return "/review/evidence?size=" + size + cycleParam();
        }

        private String cycleParam() {
            return page.cycle() == null ? "" : "&cycle=" + page.cycle();
        }
    }

    /** A cycle's lines as one audience sees them, and whether they predict a draft's grants. */
    private record Lines(List<ReviewEvidence.Line> lines, boolean withDraft) {}

    private final Reads reads;
    private final Evidences evidence;
    /** The lines of a cycle as those who see drafts, and as those who do not, see them. */
    private final HighWaterCache<Lines> lines = new HighWaterCache<>(16);

    ReviewEvidencePage(Application application) {
        this.reads = application.reads();
        this.evidence = application.evidence();
    }

    /** The section alone when htmx asks for it (it replaces the review page's link), else a page of its own. */
    String render(Context ctx, Page page) {
        View view = view(page, Paging.of(ctx));
        if ("true".equals(ctx.header("HX-Request"))) {
            return Templates.render("reviewEvidence.jte", view);
        }
        return Templates.render("reviewEvidencePage.jte", view);
    }

    View view(Page page, Paging paging) {
        ReviewPage.requireReviewer(page.rights());
        Cycle cycle = Cycles.require(reads, page.cycle()).value();
        // Reviewers see each curve's prediction with the current grant, not the draft's: drafts are the deciders'.
        boolean seesDraft = Reads.seesDrafts(page.rights().role());
        long mark = reads.changeMark();
        Lines kept = lines.get(cycle.id().value() + "|" + seesDraft, mark, () -> {
            Lab lab = reads.lab(cycle.id());
            Optional<Plan> draft = seesDraft ? reads.draft(cycle.id()).map(StoredPlan::plan) : Optional.empty();
            return new Lines(
                    ReviewEvidence.of(evidence.summaryFits(cycle.id(), lab), lab, cycle, draft), draft.isPresent());
        });
        return new View(page, cycle, paging.show(kept.lines()), paging, kept.withDraft());
    }
}
