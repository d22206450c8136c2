package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.HighWaterCache;
import dev.allot.application.Reads;
import dev.allot.application.Usage;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.ComputeChange;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.store.AskState;
import dev.allot.store.Cycle;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portfolio board: every project of the cycle in one table, filtered and sorted on the server. The rows are
 * built once per change of the store (the audit log's high-water mark grows with every write) and kept.
 */
final class BoardPage {
    /** The rows of one cycle at one state of the store. */
    record Rows(
            long highWater,
            List<String> gpuTypes,
            List<String> categories,
            List<String> leads,
            String planLabel,
            List<BoardRow> rows,
            List<String> categoryBudgets) {
        /** Rows whose lead has not confirmed an ask (carried over or missing), in board order. */
        public List<BoardRow> awaitingLeads() {
            return rows.stream().filter(BoardRow::awaitsLead).toList();
        }
    }

    /** Sums over the rows the filter kept. */
    record Totals(
            int projects, int askedGpus, List<Integer> grantedByType, int grantedGpus, int changeGpus, int idle) {}

    /**
     * @param rows the rows of the page shown, in the filter's order
     * @param matched how many rows the filter keeps over all pages (what the totals add up)
     * @param shownPage the page shown (1-based; the last when the query asked for one beyond it)
     */
    record View(
            Page page,
            List<String> cycles,
            Cycle cycle,
            Rows data,
            BoardFilter filter,
            List<BoardRow> rows,
            Totals totals,
            boolean fragment,
            int matched,
            int shownPage) {
        /** The position of the page's first row among the matching rows (1-based; 0 when none match). */
        public int firstRow() {
            return matched == 0 ? 0 : (shownPage - 1) * filter.size() + 1;
        }

        public int lastRow() {
            return firstRow() == 0 ? 0 : firstRow() + rows.size() - 1;
        }

        public int pages() {
            return filter.pages(matched);
        }
    }

    static final List<String> DECISIONS = List.of("new", "grow", "keep", "shrink", "kill", "declined");

    private final Reads reads;
    private final Application application;
    private final HighWaterCache<Rows> cache = new HighWaterCache<>(20);

    BoardPage(Application application) {
        this.reads = application.reads();
        this.application = application;
    }

    String render(Context ctx, Page page) {
        Optional<Versioned<Cycle>> cycle = Cycles.current(reads, page.cycle());
        List<String> cycles =
                reads.cycles().stream().map(c -> c.value().id().value()).toList();
        if (cycle.isEmpty()) {
            return Templates.render("board.jte", empty(page, cycles));
        }
        View view =
                view(page, cycles, cycle.get().value(), BoardFilter.of(ctx), "true".equals(ctx.header("HX-Request")));
        return Templates.render(view.fragment() ? "boardRows.jte" : "board.jte", view);
    }

    /** The board of a lab without cycles: it says how to start. */
    static View empty(Page page, List<String> cycles) {
        return new View(
                page,
                cycles,
                null,
                null,
                BoardFilter.none(),
                List.of(),
                new Totals(0, 0, List.of(), 0, 0, 0),
                false,
                0,
                1);
    }

    View view(Page page, List<String> cycles, Cycle cycle, BoardFilter filter, boolean fragment) {
        return view(page, cycles, cycle, rows(cycle.id(), page.rights()), filter, fragment);
    }

    static View view(Page page, List<String> cycles, Cycle cycle, Rows data, BoardFilter filter, boolean fragment) {
        List<BoardRow> kept = data.rows().stream()
                .filter(row -> row.matches(filter))
                .sorted(filter.order())
                .toList();
        Paging.Shown<BoardRow> shown = filter.paging().show(kept);
        return new View(
                page,
                cycles,
                cycle,
                data,
                filter,
                shown.rows(),
                totals(kept, data.gpuTypes().size()),
                fragment,
                kept.size(),
                shown.page());
    }

    /** The board's rows as {@code rights} may see them (drafts are the deciders' business). */
    Rows rows(CycleId cycle, Rights rights) {
        long highWater = reads.changeMark();
        boolean drafts = rights != null && Reads.seesDrafts(rights.role());
        // budgets burn down by the day: the rows of another day are other rows
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String key = cycle.value() + (drafts ? "/draft" : "/published") + "/" + today;
        return cache.get(key, highWater, () -> fresh(cycle, rights, highWater, today));
    }

    private Rows fresh(CycleId cycle, Rights rights, long highWater, LocalDate today) {
        Lab lab = reads.lab(cycle);
        Optional<StoredPlan> shown =
                rights == null ? reads.latestPublished(cycle) : reads.shownPlan(cycle, rights.role());
        Map<ProjectId, AskState> states = new HashMap<>();
        reads.asks(cycle)
                .forEach(ask ->
                        states.put(ask.value().ask().project(), ask.value().state()));
        List<Usage.BudgetStatus> budgets = application.usage().budgetStatus(cycle, today);
        return build(
                highWater,
                lab,
                shown.map(StoredPlan::plan),
                label(shown) + Enforced.line(application.enforcements(), cycle),
                states,
                budgets);
    }

    /** The rows with every ask of the lab taken as confirmed. */
    static Rows build(long highWater, Lab lab, Optional<Plan> plan, String planLabel) {
        Map<ProjectId, AskState> states = new HashMap<>();
        lab.asks().forEach(ask -> states.put(ask.project(), AskState.CONFIRMED));
        return build(highWater, lab, plan, planLabel, states);
    }

    /** {@link #build(long, Lab, Optional, String, Map, List)} without budgets. */
    static Rows build(
            long highWater, Lab lab, Optional<Plan> plan, String planLabel, Map<ProjectId, AskState> askStates) {
        return build(highWater, lab, plan, planLabel, askStates, List.of());
    }

    /**
     * @param askStates the state of every stored ask; an active project without one has no ask
     * @param budgets the cycle's budgets burning down: a badge on each project one that runs out covers, and a line
     *     per category budget (see {@link BoardBudgets})
     */
    static Rows build(
            long highWater,
            Lab lab,
            Optional<Plan> plan,
            String planLabel,
            Map<ProjectId, AskState> askStates,
            List<Usage.BudgetStatus> budgets) {
        Map<ProjectId, String> budgetBadges = BoardBudgets.badges(budgets, lab.projects());
        Map<ProjectId, Double> priorities = lab.priorities();
        Map<GpuTypeId, Double> speeds = lab.relativeSpeeds();
        Map<ProjectId, Ask> asks = lab.asksByProject();
        List<GpuType> types = lab.gpuTypes();
        Map<ProjectId, Usage.LastUse> lastUse = Usage.lastCycle(lab);
        List<BoardRow> rows = new ArrayList<>(lab.projects().size());
        for (Project project : lab.projects()) {
            Optional<ProjectPlan> line = plan.flatMap(p -> p.project(project.id()));
            Allocation previous = lab.previousGrant(project.id());
            // Before any plan exists, what a project holds is last cycle's grant: shown as current, with no change.
            Allocation grant =
                    plan.isEmpty() ? previous : line.map(ProjectPlan::grant).orElse(Allocation.NONE);
            Ask ask = asks.get(project.id());
            List<Integer> byType =
                    types.stream().map(type -> grant.gpus(type.id())).toList();
            List<Double> used = lab.history().stream()
                    .map(past -> usedFraction(past, project.id()))
                    .toList();
            rows.add(new BoardRow(
                    project.id().value(),
                    project.name(),
                    project.category().value(),
                    project.lead(),
                    priorities.getOrDefault(project.id(), 0.0),
                    ask != null,
                    ask == null ? 0 : ask.floorGpus(),
                    ask == null ? 0 : ask.targetGpus(),
                    ask == null ? 0 : ask.ceilingGpus(),
                    byType,
                    grant.totalGpus(),
                    line.map(l -> l.decision().label()).orElse(""),
                    grant.totalGpus() - previous.totalGpus(),
                    Sparkline.points(used),
                    Sparkline.describe(used),
                    askState(project, askStates.get(project.id())),
                    plan.isEmpty()
                            ? ""
                            : ComputeChange.of(previous, grant, speeds)
                                    .typeMove()
                                    .orElse(""),
                    lastUse.getOrDefault(project.id(), Usage.LastUse.UNKNOWN).usedFraction(),
                    lastUse.getOrDefault(project.id(), Usage.LastUse.UNKNOWN).idle(),
                    budgetBadges.getOrDefault(project.id(), "")));
        }
        List<String> leads = lab.projects().stream()
                .map(Project::lead)
                .filter(l -> !l.isEmpty())
                .distinct()
                .sorted()
                .toList();
        return new Rows(
                highWater,
                types.stream().map(t -> t.id().value()).toList(),
                lab.categories().stream().map(c -> c.id().value()).toList(),
                leads,
                planLabel,
                List.copyOf(rows),
                BoardBudgets.categoryLines(budgets));
    }

    private static String askState(Project project, AskState stored) {
        if (stored != null) {
            return stored.words();
        }
        return project.status() == ProjectStatus.ACTIVE ? AskState.MISSING.words() : "";
    }

    static Totals totals(List<BoardRow> rows, int typeCount) {
        int[] byType = new int[typeCount];
        int asked = 0;
        int granted = 0;
        int change = 0;
        int idle = 0;
        for (BoardRow row : rows) {
            idle += row.idle() ? 1 : 0;
            asked += row.targetGpus();
            granted += row.grantedGpus();
            change += row.changeGpus();
            for (int i = 0; i < typeCount; i++) {
                byType[i] += row.grantedByType().get(i);
            }
        }
        return new Totals(
                rows.size(), asked, java.util.Arrays.stream(byType).boxed().toList(), granted, change, idle);
    }

    private static Double usedFraction(PastCycle past, ProjectId project) {
        return past.grant(project).isEmpty() ? null : past.usedFraction().get(project);
    }

    static String label(Optional<StoredPlan> plan) {
        return plan.map(p -> p.kind() == StoredPlan.Kind.DRAFT ? "draft v" + p.version() : "published v" + p.version())
                .orElse("no plan yet");
    }
}
