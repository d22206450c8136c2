package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Application;
import dev.allot.application.PublishCheck;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import dev.allot.store.UsageDay;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Last cycle's use on the board and the project page, and this cycle's on the cluster page. */
class UsageOnPagesTest {
    private static final Page DECIDER = new Page(new Rights("dana", Role.DECIDER), "token", "board", null);
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:usage-pages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);

    @AfterEach
    void close() {
        store.close();
    }

    /** Last cycle granted project-0..2; project-0 used 62 %, project-1 31 % (idle), project-2 has no usage. */
    static Lab labWithUsage() {
        return TestLabs.shaped(5, 3)
                .history(new PastCycle(
                        CycleId.of("2026-11"),
                        Map.of(
                                ProjectId.of("project-0"), Allocation.of("H100", 16),
                                ProjectId.of("project-1"), Allocation.of("H100", 16),
                                ProjectId.of("project-2"), Allocation.of("H100", 8)),
                        Map.of(ProjectId.of("project-0"), 0.62, ProjectId.of("project-1"), 0.31)))
                .build();
    }

    @Test
    void theBoardShowsLastCyclesUseWithAnIdleBadgeAndADashWhereItIsUnknown() {
        Lab lab = labWithUsage();
        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.empty(), "no plan yet");

        String html = Templates.render(
                "boardRows.jte", BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, BoardFilter.none(), true));

        assertThat(row(html, "project-0")).contains(">62 %<").doesNotContain("idle grant");
        assertThat(row(html, "project-1"))
                .contains(
                        "31 %",
                        "<span class=\"badge idle\"><abbr title=", "data-term=\"idle-grant\">idle grant</abbr>");
        assertThat(row(html, "project-2")).contains(">—<").doesNotContain("0 %");
        assertThat(html).contains("sort=used", "1 idle");
    }

    /** The board's rows of {@link #labWithUsage()} stored with {@code budgets} and {@code usage} recorded. */
    private String boardWithBudgets(List<dev.allot.core.rules.BudgetRules.Entry> budgets, List<UsageDay> usage) {
        Lab lab = labWithUsage();
        store.lab().importLab(lab, DANA);
        Application application = Application.over(store);
        application.budgets().replace(lab.cycle(), budgets, DANA);
        application.usage().record(usage, DANA);
        BoardPage.Rows rows = new BoardPage(Application.over(store)).rows(lab.cycle(), DECIDER.rights());
        return Templates.render(
                "boardRows.jte", BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, BoardFilter.none(), true));
    }

    @Test
    void aProjectWhoseBudgetRunsOutInTheCycleIsFlaggedOnTheBoardWithTheDate() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String html = boardWithBudgets(
                List.of(
                        new dev.allot.core.rules.BudgetRules.Entry("project-0", "H100", 1000),
                        new dev.allot.core.rules.BudgetRules.Entry("project-1", "H100", 100_000)),
                List.of(
                        new UsageDay(ProjectId.of("project-0"), GpuTypeId.of("H100"), today, 1200),
                        new UsageDay(ProjectId.of("project-1"), GpuTypeId.of("H100"), today, 1)));

        assertThat(row(html, "project-0"))
                .contains("<small class=\"badge budget\" data-testid=\"budget-runs-out\">H100 budget spent " + today);
        assertThat(row(html, "project-1")).doesNotContain("budget-runs-out");
        assertThat(BoardBudgets.badges(
                        List.of(new dev.allot.application.Usage.BudgetStatus(
                                dev.allot.core.model.BudgetBurn.of(
                                        new dev.allot.core.model.Budget(ProjectId.of("p"), GpuTypeId.of("A100"), 100),
                                        Map.of(today, 10.0),
                                        today,
                                        today),
                                today.plusDays(56),
                                true)),
                        List.of(new dev.allot.core.model.Project(
                                ProjectId.of("p"),
                                "p",
                                dev.allot.core.model.CategoryId.of("x"),
                                "",
                                List.of(),
                                dev.allot.core.model.ProjectStatus.ACTIVE))))
                .containsEntry(ProjectId.of("p"), "A100 budget runs out " + today.plusDays(9));
    }

    @Test
    void everyProjectOfACategoryWhoseBudgetIsSpentIsFlaggedOnTheBoard() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        // each exploratory project alone stays within the category's 1,000 GPU-hours; together they spend it
        String html = boardWithBudgets(
                List.of(new dev.allot.core.rules.BudgetRules.Entry(null, "exploratory", "H100", 1000)),
                List.of(
                        new UsageDay(ProjectId.of("project-0"), GpuTypeId.of("H100"), today, 600),
                        new UsageDay(ProjectId.of("project-4"), GpuTypeId.of("H100"), today, 600),
                        new UsageDay(ProjectId.of("project-1"), GpuTypeId.of("H100"), today, 5000)));

        String badge = "data-testid=\"budget-runs-out\">category exploratory H100 budget spent " + today;
        assertThat(row(html, "project-0")).contains(badge);
        assertThat(row(html, "project-4")).contains(badge);
        assertThat(row(html, "project-1")).doesNotContain("budget-runs-out");
    }

    @Test
    void sortingByUseKeepsTheUnknownAtTheBottomEitherWay() {
        BoardPage.Rows rows = BoardPage.build(1, labWithUsage(), Optional.empty(), "");
        for (boolean descending : List.of(false, true)) {
            BoardFilter filter = new BoardFilter("", "", "", "", "used", descending);
            List<String> order = rows.rows().stream()
                    .sorted(filter.order())
                    .map(BoardRow::id)
                    .toList();
            assertThat(order.subList(0, 2))
                    .containsExactlyElementsOf(
                            descending ? List.of("project-0", "project-1") : List.of("project-1", "project-0"));
            assertThat(order.subList(2, 5)).containsExactlyInAnyOrder("project-2", "project-3", "project-4");
        }
    }

    @Test
    void theProjectPageSaysWhatItUsedOfLastCyclesGrant() {
        Lab lab = labWithUsage();
        assertThat(ProjectPage.lastUse(lab, ProjectId.of("project-1")))
                .isEqualTo(
                        "Last cycle (2026-11, 16 GPUs): used 31 % of the granted GPU-hours, an idle grant (the policy"
                                + " calls a grant idle below 50 % used).");
        assertThat(ProjectPage.lastUse(lab, ProjectId.of("project-2")))
                .isEqualTo("Last cycle (2026-11, 8 GPUs): no usage recorded.");
        assertThat(ProjectPage.lastUse(lab, ProjectId.of("project-4"))).isEmpty();
    }

    @Test
    void theClusterPageStopsPromisingUsageOnceTheCycleHasSome() {
        Lab lab = TestLabs.shaped(4, 3).build();
        Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
        StoredPlan plan = published(application, lab);
        ClusterPage cluster = new ClusterPage(application.reads(), application.usage());
        LocalDate today = lab.cycleStart().plusDays(1);
        assertThat(cluster.usage(lab.cycle(), today)).isNull();
        assertThat(render(cluster, lab, today)).contains("Usage will appear here");

        ProjectPlan line = plan.plan().projects().stream()
                .filter(p -> p.grant().totalGpus() > 0)
                .findFirst()
                .orElseThrow();
        GpuTypeId type = line.grant().gpus().keySet().iterator().next();
        double granted = line.grant().totalGpus() * 24.0 * 2;
        application
                .usage()
                .record(
                        List.of(
                                new UsageDay(line.project(), type, lab.cycleStart(), granted / 8),
                                new UsageDay(line.project(), type, today, granted / 8)),
                        DANA);

        ClusterPage.UsageLine usage = cluster.usage(lab.cycle(), today);
        assertThat(usage.projects()).isEqualTo(1);
        assertThat(usage.usedFraction()).isEqualTo(0.25);
        assertThat(usage.idle()).isEqualTo(1);
        assertThat(render(cluster, lab, today))
                .doesNotContain("will appear")
                .contains("1 projects with recorded usage", "(25 %)", "1 of them hold an idle grant");
    }

    private String render(ClusterPage cluster, Lab lab, LocalDate today) {
        Cycle cycle = store.cycles().get(lab.cycle()).value();
        return Templates.render(
                "cluster.jte",
                new ClusterPage.View(
                        DECIDER,
                        cycle,
                        "published v1",
                        lab.pools(),
                        List.of(),
                        "",
                        cluster.usage(lab.cycle(), today),
                        ClusterPage.Timeline.NONE,
                        BlockGantt.View.NONE));
    }

    static StoredPlan published(Application application, Lab lab) {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
        StoredPlan draft = application.drafts().solve(lab.cycle(), DANA, null).draft();
        PublishCheck check = application.approvals().approve(lab.cycle(), draft.version(), DANA);
        Map<String, String> reasons = new HashMap<>();
        check.warnings().forEach(warning -> reasons.put(warning.rule().code(), "seen"));
        return application.approvals().publish(lab.cycle(), draft.version(), reasons, "", DANA);
    }

    private static String row(String html, String project) {
        int start = html.indexOf("<tr id=\"p-" + project + "\"");
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static Cycle cycleOf(Lab lab) {
        return new Cycle(CycleId.of(lab.cycle().value()), lab.cycleStart(), CycleState.OPEN, lab.policy());
    }
}
