package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.Assignments;
import dev.allot.application.HighWaterCache;
import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.SolveReport;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.PlanDiff;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deciders' screen: the draft plan with every decision and why, the policy panel, charts, the changes against
 * last cycle, the solver's status, and (for deciders) the actions that reshape the draft.
 */
final class ReviewPage {
    /**
     * One view of the review: what the page derives from the store ({@link Derived}, kept until the store changes),
     * the page of decisions shown and what this request brings (focus, notice, error, a refused form's state).
     */
    record View(
            Page page,
            Cycle cycle,
            int cycleVersion,
            String nextState,
            boolean mayMove,
            Derived derived,
            List<DecisionRow> rows,
            String focus,
            String notice,
            String error,
            PolicyFormState policyForm,
            Paging paging,
            int matched,
            int shownPage,
            ProjectPick picked) {
        /** "Draft v3" or the like, of the draft the page shows. */
        String planLabel() {
            return BoardPage.label(derived.draft());
        }

        /** How many pages the decisions take. */
        int pages() {
            return paging.pages(matched);
        }

        int firstRow() {
            return matched == 0 ? 0 : (shownPage - 1) * paging.size() + 1;
        }

        int lastRow() {
            return firstRow() == 0 ? 0 : firstRow() + rows.size() - 1;
        }

        /** The link to page {@code number} of the decisions at the page's size, keeping the cycle. */
        String pageLink(int number) {
            return "/review?page=" + number + paging.sizeParam() + cycleParam() + "#decisions";
        }

        /** The link to the first page of decisions at {@code size} rows. */
        String sizeLink(int size) {
            return "/review?page=1" + new Paging(1, size).sizeParam() + cycleParam() + "#decisions";
        }

        /** The link to a project's decision, on whichever page it is. */
        String decisionLink(String project) {
            return "/review?project=" + project + paging.sizeParam() + cycleParam() + "#d-" + project;
        }

        private String cycleParam() {
            return page.cycle() == null ? "" : "&cycle=" + page.cycle();
        }

        /** Deciders and admins assign projects to reviewers. */
        boolean canAssign() {
            return page.rights().maySetPolicy();
        }

        /** The projects whose grant the last re-solve changed. */
        List<PlanDiff.ProjectChange> resolved() {
            return derived.draftChanges()
                    .map(diff -> diff.projects().stream()
                            .filter(c -> !c.previous().equals(c.grant()))
                            .toList())
                    .orElse(List.of());
        }

        boolean canSolve() {
            return page.rights().mayDecide()
                    && (cycle.state() == CycleState.DRAFT || cycle.state() == CycleState.PUBLISHED);
        }

        boolean canAdjust() {
            return page.rights().mayDecide() && cycle.state() != CycleState.OPEN && cycle.state() != CycleState.CLOSED;
        }

        boolean canSetPolicy() {
            return page.rights().maySetPolicy()
                    && cycle.state() != CycleState.PUBLISHED
                    && cycle.state() != CycleState.CLOSED;
        }

        boolean canPublish() {
            return canSolve() && derived.draft().isPresent();
        }
    }

    private final Reads reads;
    private final Assignments assignments;
    /**
     * What the review derives from stored data (the lab, the draft and its decision rows, charts, policy panel,
     * changes, reviewers' progress), by cycle and by whether the reader sees drafts: kept until the audit log's
     * high-water mark moves (any stored change, on any server), as the board keeps its rows.
     */
    private final HighWaterCache<Derived> kept = new HighWaterCache<>(8);

    ReviewPage(Application application) {
        this.reads = application.reads();
        this.assignments = application.assignments();
    }

    String render(Context ctx, Page page) {
        return render(ctx, page, "");
    }

    /** The page, with {@code error} (a refused action) shown above the plan. */
    String render(Context ctx, Page page, String error) {
        return render(ctx, page, error, PolicyFormState.NONE);
    }

    /** The page after a refused policy save: the error above, each problem at its policy form field. */
    String render(Context ctx, Page page, String error, PolicyFormState policyForm) {
        return render(ctx, page, error, policyForm, ProjectPick.NONE);
    }

    /** The page after a refused project pick: the error above, and again at the picker with the typed value. */
    String render(Context ctx, Page page, String error, ProjectPick picked) {
        return render(ctx, page, error, PolicyFormState.NONE, picked);
    }

    private String render(Context ctx, Page page, String error, PolicyFormState policyForm, ProjectPick picked) {
        requireReviewer(page.rights());
        Versioned<Cycle> cycle = Cycles.require(reads, page.cycle());
        boolean pageAsked = ctx.queryParam("page") != null;
        return Templates.render(
                "review.jte",
                view(
                        page,
                        cycle,
                        ctx.queryParam("project"),
                        notice(ctx),
                        error,
                        policyForm,
                        Paging.of(ctx),
                        pageAsked,
                        picked));
    }

    View view(Page page, Versioned<Cycle> stored, String focus, String notice, String error) {
        return view(page, stored, focus, notice, error, PolicyFormState.NONE, Paging.FIRST, true, ProjectPick.NONE);
    }

    View view(
            Page page,
            Versioned<Cycle> stored,
            String focus,
            String notice,
            String error,
            PolicyFormState policyForm,
            Paging askedPage,
            boolean pageAsked,
            ProjectPick picked) {
        Cycle cycle = stored.value();
        // Reviewers see the review (scores, policy) but not the draft: drafts are the deciders' business.
        boolean seesDrafts = Reads.seesDrafts(page.rights().role());
        long mark = reads.changeMark();
        Derived derived = kept.get(cycle.id().value() + "|" + seesDrafts, mark, () -> derive(cycle, seesDrafts));
        List<DecisionRow> rows = derived.allRows();
        // A link to one project's decision (?project=) opens the page that holds it, unless a page was asked for.
        Paging paging = askedPage;
        if (!pageAsked && focus != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).id().equals(focus)) {
                    paging = askedPage.holding(i);
                    break;
                }
            }
        }
        Paging.Shown<DecisionRow> shown = paging.show(rows);
        CycleState next = cycle.state().next();
        return new View(
                page,
                cycle,
                stored.version(),
                next == null ? null : next.label(),
                page.rights().mayMoveTo(next),
                derived,
                shown.rows(),
                focus == null ? "" : focus,
                notice == null ? "" : notice,
                error == null ? "" : error,
                policyForm,
                paging,
                shown.matched(),
                shown.page(),
                picked);
    }

    /**
     * What the review shows of a cycle that depends only on stored data and on whether the reader sees drafts.
     *
     * @param allRows every decision of the draft, highest priority first (the view shows a page of them)
     * @param publishedVersion the cycle's latest published plan version, 0 if none
     */
    record Derived(
            Optional<StoredPlan> draft,
            String solver,
            List<DecisionRow> allRows,
            PolicyPanel policy,
            PlanChanges changes,
            String shareChart,
            String gpuChart,
            String diffChart,
            List<String> gpuTypes,
            int publishedVersion,
            List<Assignments.Progress> progress,
            List<String> reviewers,
            Optional<PlanDiff> draftChanges,
            String policyBase,
            List<String> policyDiff) {}

    private Derived derive(Cycle cycle, boolean seesDrafts) {
        Lab lab = reads.lab(cycle.id());
        Optional<StoredPlan> draft = seesDrafts ? reads.draft(cycle.id()) : Optional.empty();
        Optional<Plan> plan = draft.map(StoredPlan::plan);
        Map<ProjectId, Pin> pins = lab.pinsByProject();
        Map<ProjectId, DeciderOverride> overrides = lab.overridesByProject();
        java.util.Set<ProjectId> asked = lab.asksByProject().keySet();
        List<DecisionRow> rows = plan.map(p -> p.projects().stream()
                        .sorted(java.util.Comparator.comparingDouble(ProjectPlan::priority)
                                .reversed()
                                .thenComparing(line -> line.project().value()))
                        .map(line -> DecisionRow.of(
                                line,
                                pins.get(line.project()),
                                overrides.get(line.project()),
                                lab.relativeSpeeds(),
                                asked.contains(line.project())))
                        .toList())
                .orElse(List.of());
        Optional<Cycle> lastPublished = reads.previousPublished(cycle.id())
                .map(p -> reads.cycle(p.cycle()).value());
        return new Derived(
                draft,
                plan.map(p -> solver(p.solve())).orElse(""),
                rows,
                PolicyPanel.of(lab, plan),
                PlanChanges.of(rows),
                plan.map(p -> PlanCharts.shareByCategory(lab, p)).orElse(""),
                plan.map(p -> PlanCharts.gpusByTypeAndCategory(lab, p)).orElse(""),
                plan.map(p -> PlanCharts.diffByCategory(lab, p)).orElse(""),
                lab.gpuTypes().stream().map(t -> t.id().value()).toList(),
                reads.latestPublished(cycle.id()).map(StoredPlan::version).orElse(0),
                assignments.progress(cycle.id()),
                assignments.reviewers(),
                seesDrafts ? reads.draftChanges(cycle.id()) : Optional.empty(),
                lastPublished.map(c -> c.id().value()).orElse(""),
                lastPublished
                        .map(c -> PolicyDiff.lines(c.policy(), cycle.policy()))
                        .orElse(List.of()));
    }

    static void requireReviewer(Rights rights) {
        if (!rights.mayReview()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + rights.roleLabel() + " may not"
                            + " see the draft plan. Maybe look at the portfolio board, or ask a decider?");
        }
    }

    static String solver(SolveReport report) {
        return String.format(
                java.util.Locale.ROOT,
                "%s by %s in %.1f s, gap %s (seed %d)",
                report.status().name().toLowerCase(java.util.Locale.ROOT),
                report.solver(),
                report.solveTime().toMillis() / 1000.0,
                Format.percent(report.gap()),
                report.seed());
    }

    /** What the last action did, from the code the action redirected with (never text taken from the URL). */
    static String notice(Context ctx) {
        String project = ctx.queryParam("project");
        String changed = digits(ctx.queryParam("changed"));
        String version = digits(ctx.queryParam("version"));
        String done = ctx.queryParam("done");
        return switch (done == null ? "" : done) {
            case "solved" ->
                "Solved draft v" + version + ": " + changed + " projects changed against the previous draft.";
            case "adjusted" ->
                "Saved the change to " + (project == null ? "the project" : Slugs.orEmpty(project))
                        + (version.equals("0")
                                ? "."
                                : "; re-solved draft v" + version + ": " + changed
                                        + " projects changed against the previous draft.");
            case "cancelled" -> "Cancelled the solve; nothing was stored and the draft is as it was.";
            case "moved" -> "Moved the cycle on.";
            case "policy" ->
                "Saved the policy"
                        + (version.equals("0")
                                ? "."
                                : "; re-solved draft v" + version + ": " + changed
                                        + " projects changed against the previous draft.");
            case "published" -> "Published plan version " + version + ".";
            case "assigned" -> "Saved the reviewer assignments.";
            default -> "";
        };
    }

    private static String digits(String text) {
        return text != null && text.matches("\\d{1,6}") ? text : "0";
    }
}
