package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.application.Application;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pages' edge cases, rendered without a server or browser over a real in-memory store. */
class PagesTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Page DECIDER = new Page(new Rights("dana", Role.DECIDER), "token", "review", null);
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:pages-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", null, null);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void boardOfALabWithoutCyclesSaysHowToStart() {
        String html = Templates.render("board.jte", BoardPage.empty(DECIDER, List.of()));
        assertThat(html)
                .contains("The lab has no review cycle yet", "allot lab import lab.yaml")
                .doesNotContain("<table");
    }

    @Test
    void boardOfACycleWithoutAPlanShowsLastCyclesGrantAsCurrentWithNoChange() {
        Lab lab =
                TestLabs.shaped(12, 3).past("2026-11", "project-0", "H100", 16).build();
        Cycle cycle = imported(lab);
        BoardPage.View view =
                new BoardPage(Application.over(store)).view(DECIDER, List.of(), cycle, BoardFilter.none(), false);
        String html = Templates.render("board.jte", view);
        assertThat(html).contains("showing no plan yet", "Total (12 projects)");
        int previous = lab.projects().stream()
                .mapToInt(project -> lab.previousGrant(project.id()).totalGpus())
                .sum();
        assertThat(previous).isPositive();
        assertThat(view.totals().grantedGpus()).isEqualTo(previous);
        assertThat(view.rows()).allSatisfy(row -> assertThat(row.changeGpus()).isZero());
        assertThat(view.totals().askedGpus())
                .isEqualTo(lab.asks().stream().mapToInt(a -> a.targetGpus()).sum());
    }

    @Test
    void boardOfZeroProjectsRendersAnEmptyTableWithZeroTotals() {
        Lab lab = TestLabs.lab().type("H100", 1.0).pool("p", "c", "H100", 64, 8).build();
        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.empty(), "no plan yet");
        String html = Templates.render(
                "board.jte", BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, BoardFilter.none(), false));
        assertThat(html).contains("0 of 0 projects", "Total (0 projects)");
    }

    @Test
    void boardOf3000ProjectsRendersOnePageOfRowsWhileTotalsCountEveryMatchingRow() {
        Lab lab = TestLabs.shaped(3000, 11).build();
        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.empty(), "no plan yet");
        BoardPage.View first = BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, BoardFilter.none(), true);
        String all = Templates.render("boardRows.jte", first);
        assertThat(all.split("<tr id=\"p-", -1)).hasSize(101);
        assertThat(all).contains("3000 of 3000 projects · rows 1–100 (page 1 of 30)", "Total (3000 projects)");
        assertThat(first.totals().askedGpus())
                .isEqualTo(lab.asks().stream().mapToInt(a -> a.targetGpus()).sum());

        BoardFilter safety = new BoardFilter("safety", "", "", "", "asked", true);
        BoardPage.View filtered = BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, safety, true);
        int safetyAsked = lab.asks().stream()
                .filter(a ->
                        lab.projectsById().get(a.project()).category().value().equals("safety"))
                .mapToInt(a -> a.targetGpus())
                .sum();
        assertThat(filtered.matched()).isEqualTo(750);
        assertThat(filtered.rows()).hasSize(100).isSortedAccordingTo(safety.order());
        assertThat(filtered.totals().askedGpus()).isEqualTo(safetyAsked);
        assertThat(Templates.render("boardRows.jte", filtered)).contains("Total (750 projects)", "page 1 of 8");
    }

    @Test
    void thePagesOfTheBoardFollowEachOtherInTheSortOrderAndAPageTooFarShowsTheLast() {
        Lab lab = TestLabs.shaped(260, 4).build();
        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.empty(), "no plan yet");
        List<String> sorted = rows.rows().stream()
                .sorted(BoardFilter.none().order())
                .map(BoardRow::id)
                .toList();
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            BoardFilter filter = new BoardFilter("", "", "", "", "priority", true, page, 100);
            BoardPage.View view = BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, filter, true);
            assertThat(view.shownPage()).isEqualTo(page);
            view.rows().forEach(row -> paged.add(row.id()));
        }
        assertThat(paged).isEqualTo(sorted);

        BoardFilter beyond = new BoardFilter("", "", "", "", "priority", true, 99, 100);
        BoardPage.View last = BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, beyond, true);
        assertThat(last.shownPage()).isEqualTo(3);
        assertThat(last.firstRow()).isEqualTo(201);
        assertThat(last.lastRow()).isEqualTo(260);
        String html = Templates.render("boardRows.jte", last);
        assertThat(html).contains("rows 201–260 (page 3 of 3)", "rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(new BoardFilter("safety", "", "", "rl", "asked", true, 1, 250).pageLink(2, "2027-01"))
                .isEqualTo("?category=safety&decision=&lead=&q=rl&sort=asked&dir=desc&page=2&size=250&cycle=2027-01");
    }

    @Test
    void boardSearchMatchesIdNameOrLeadIgnoringCase() {
        BoardPage.Rows rows = BoardPage.build(1, TestLabs.shaped(30, 5).build(), Optional.empty(), "");
        BoardFilter search = new BoardFilter("", "", "", "LEAD17", "project", false);
        assertThat(rows.rows().stream().filter(row -> row.matches(search)).map(BoardRow::id))
                .containsExactly("project-17");
    }

    @Test
    void sortLinksKeepTheFilterAndCycleAndASecondClickReverses() {
        BoardFilter filter = new BoardFilter("safety", "", "", "rl", "asked", true);
        assertThat(filter.sortLink("asked", "2027-01"))
                .isEqualTo("?category=safety&decision=&lead=&q=rl&sort=asked&dir=asc&cycle=2027-01");
        assertThat(filter.sortLink("lead", null)).isEqualTo("?category=safety&decision=&lead=&q=rl&sort=lead&dir=asc");
        assertThat(filter.ariaSort("asked")).isEqualTo("descending");
    }

    @Test
    void reviewOfAnOpenCycleWithoutDraftOffersOnlyTheNextStep() {
        Cycle cycle = imported(TestLabs.shaped(6, 1).build());
        String html = Templates.render(
                "review.jte",
                new ReviewPage(Application.over(store))
                        .view(DECIDER, store.cycles().get(cycle.id()), "", "", ""));
        assertThat(html)
                .contains("No draft plan yet", "Move cycle to review")
                .doesNotContain("Publish…", "Solve draft", "Save and re-solve");
    }

    @Test
    void infeasiblePolicyIsExplainedAboveThePlanNamingTheConflict() {
        Lab lab = TestLabs.lab()
                .type("H100", 1.0)
                .pool("p", "c", "H100", 64, 8)
                .project("a", "exploratory", "lee")
                .ask("a", 8, 8, 8)
                .project("b", "product", "lou")
                .ask("b", 8, 8, 8)
                .pin("a", "H100", 8)
                .pin("b", "H100", 56)
                .build();
        Cycle cycle = imported(lab);
        store.cycles().transition(cycle.id(), CycleState.REVIEW, null, DANA);
        store.cycles().transition(cycle.id(), CycleState.DRAFT, null, DANA);
        Planner planner = Planner.create(PlannerOptions.defaults());

        AllotException refused = (AllotException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Application.over(store, planner).drafts().solve(cycle.id(), DANA, null));
        assertThat(refused.kind()).isEqualTo(AllotException.Kind.INFEASIBLE);
        String html = Templates.render(
                "review.jte",
                new ReviewPage(Application.over(store))
                        .view(DECIDER, store.cycles().get(cycle.id()), "", "", refused.getMessage()));
        assertThat(html).contains("data-testid=\"error\"", "the pin of b", "exploratory &gt;= product");
        assertThat(store.plans().draft(cycle.id())).isEmpty();
    }

    @Test
    void askFormNamesEachFieldItRefusesAndTheValue() {
        Lab lab = TestLabs.shaped(2, 1).build();
        Cycle cycle = imported(lab);
        AskForm form = new AskForm(Application.over(store, Planner.create(PlannerOptions.defaults())));
        FormErrors errors = new FormErrors();
        AskForm.Target target = new AskForm.Target(lab.projects().get(0), cycle);
        var values = new AskForm.Values("8", "x", "4", List.of("B200"), " ", "ftp://old", "", List.of(), "");
        assertThat(form.parse(target, values, errors)).isNull();
        assertThat(errors.of("target"))
                .isEqualTo("target: 'x' is not a whole number from 0 to 1000000. Maybe the"
                        + " GPUs the plan of work needs?");
        assertThat(errors.of("gpuTypes"))
                .isEqualTo("gpuTypes: 'B200' is not a GPU type of the lab. Maybe one of" + " [H100, A100]?");
        assertThat(errors.of("justification")).startsWith("justification: empty.");
        assertThat(errors.of("links"))
                .isEqualTo("links: 'ftp://old' is not a web address. Maybe start it with" + " https://?");
        assertThat(errors.has("floor")).isFalse();
    }

    /** The same bad ask the lab file and the API refuse (AskRulesReachEveryEntryPoint), with the same code. */
    @Test
    void askFormRefusesAFloorAboveTheTargetWithTheCoreRuleCode() {
        Lab lab = TestLabs.shaped(2, 1).build();
        AskForm.Target target = new AskForm.Target(lab.projects().get(0), imported(lab));
        FormErrors errors = new FormErrors();

        var ask = new AskForm(Application.over(store, Planner.create(PlannerOptions.defaults())))
                .parse(target, new AskForm.Values("24", "16", "32", List.of(), "why", "", "", List.of(), ""), errors);

        assertThat(ask).isNull();
        assertThat(errors.code("floor")).isEqualTo("ask-floor-above-target");
        assertThat(errors.of("floor"))
                .isEqualTo("floor: Ask floor (24 GPUs) of project project-0 exceeds its target (16)."
                        + " Maybe lower the floor to 16?");
    }

    @Test
    void askFormAcceptsAConsistentAsk() {
        Lab lab = TestLabs.shaped(2, 1).build();
        AskForm.Target target = new AskForm.Target(lab.projects().get(0), imported(lab));
        FormErrors errors = new FormErrors();
        var ask = new AskForm(Application.over(store, Planner.create(PlannerOptions.defaults())))
                .parse(
                        target,
                        new AskForm.Values("8", "16", "24", List.of("A100"), "why", "", "", List.of(), ""),
                        errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(ask.floorGpus()).isEqualTo(8);
        assertThat(ask.ceilingGpus()).isEqualTo(24);
    }

    /** The job shape is checked by the core rules the lab file and the API apply, shown at the form's fields. */
    @Test
    void askFormChecksTheJobShapeAgainstTheAskAndThePools() {
        Lab lab = TestLabs.shaped(2, 1).build();
        AskForm.Target target = new AskForm.Target(lab.projects().get(0), imported(lab));
        AskForm form = new AskForm(Application.over(store, Planner.create(PlannerOptions.defaults())));
        FormErrors zero = new FormErrors();
        FormErrors notAsked = new FormErrors();
        FormErrors fine = new FormErrors();

        form.parse(
                target,
                new AskForm.Values("8", "16", "24", List.of(), "why", "", "", List.of(), "", "0", List.of()),
                zero);
        form.parse(
                target,
                new AskForm.Values(
                        "8", "16", "24", List.of("A100"), "why", "", "", List.of(), "", "16", List.of("H100")),
                notAsked);
        var ask = form.parse(
                target,
                new AskForm.Values("8", "16", "24", List.of(), "why", "", "", List.of(), "", "16", List.of("A100")),
                fine);

        assertThat(zero.code("largestJob")).isEqualTo("job-shape-gpus-out-of-range");
        assertThat(notAsked.code("jobGpuTypes")).isEqualTo("job-shape-type-not-asked");
        assertThat(notAsked.of("jobGpuTypes"))
                .isEqualTo("jobGpuTypes: project project-0's jobs run on H100, which its ask does not accept ([A100])."
                        + " Maybe add H100 to the ask's GPU types?");
        assertThat(fine.isEmpty()).isTrue();
        assertThat(ask.jobShape().orElseThrow().largestJobGpus()).isEqualTo(16);
        assertThat(ask.accepts(dev.allot.core.model.GpuTypeId.of("H100"))).isFalse();
    }

    @Test
    void aViewerMayNotSeeTheDraft() {
        assertThatThrownBy(() -> ReviewPage.requireReviewer(new Rights("vera", Role.VIEWER)))
                .isInstanceOf(AllotException.class)
                .hasMessage("Role viewer may not see the draft plan. Maybe look at"
                        + " the portfolio board, or ask a decider?");
    }

    @Test
    void draftsAreTheDecidersBusinessOnTheBoardAndRelationsWithoutAPlanGetNoVerdict() {
        Lab lab = TestLabs.shaped(6, 3).build();
        imported(lab);
        store.cycles().transition(lab.cycle(), CycleState.REVIEW, null, new Actor("dana", Role.DECIDER));
        Cycle cycle = store.cycles()
                .transition(lab.cycle(), CycleState.DRAFT, null, new Actor("dana", Role.DECIDER))
                .value();
        assertThat(PolicyPanel.of(lab, Optional.empty()).relations())
                .allSatisfy(relation -> assertThat(relation.shown()).isEmpty());
        store.plans()
                .saveDraft(
                        lab.cycle(),
                        dev.allot.core.planner.Planner.create(dev.allot.core.planner.PlannerOptions.defaults())
                                .plan(lab),
                        null,
                        new Actor("dana", Role.DECIDER));
        Page viewer = new Page(new Rights("vera", Role.VIEWER), "token", "board", null);

        BoardPage board = new BoardPage(Application.over(store));
        String asViewer =
                Templates.render("board.jte", board.view(viewer, List.of(), cycle, BoardFilter.none(), false));
        String asDecider =
                Templates.render("board.jte", board.view(DECIDER, List.of(), cycle, BoardFilter.none(), false));

        assertThat(asViewer).contains("showing no plan yet");
        assertThat(asDecider).doesNotContain("showing no plan yet");
    }

    @Test
    void aRelationWhoseSidesBothGetNothingIsVacuousNotMet() {
        Lab lab = TestLabs.shaped(6, 3).build();
        dev.allot.core.model.Plan solved = dev.allot.core.planner.Planner.create(
                        dev.allot.core.planner.PlannerOptions.defaults())
                .plan(lab);
        dev.allot.core.model.Plan grantsNothing = dev.allot.core.model.Plan.builder()
                .cycle(solved.cycle())
                .capacityGpus(solved.capacityGpus())
                .allocatableGpus(solved.allocatableGpus())
                .marginalValuePerGpu(solved.marginalValuePerGpu())
                .solve(solved.solve())
                .build();

        PolicyPanel panel = PolicyPanel.of(lab, Optional.of(grantsNothing));

        assertThat(panel.relations())
                .isNotEmpty()
                .allSatisfy(relation -> assertThat(relation.shown()).startsWith("⚠ vacuous"));
        assertThat(PolicyPanel.of(lab, Optional.of(solved)).relations())
                .allSatisfy(relation -> assertThat(relation.shown()).doesNotStartWith("⚠ vacuous"));
    }

    @Test
    void theBoardShowsNoAskCarriedAsksAndWhoHasNotConfirmedAgainstTheDeadline() {
        Lab lab = TestLabs.shaped(3, 2).project("silent", "safety", "sam").build();
        Cycle cycle = imported(lab);
        store.cycles().setAskDeadline(cycle.id(), java.time.LocalDate.of(2026, 11, 25), null, DANA);
        store.reviews()
                .putAsk(cycle.id(), new dev.allot.store.StoredAsk(lab.asks().get(0), null).carried(), null, DANA);
        Cycle withDeadline = store.cycles().get(cycle.id()).value();

        String html = Templates.render(
                "board.jte",
                new BoardPage(Application.over(store))
                        .view(DECIDER, List.of(), withDeadline, BoardFilter.none(), false));

        assertThat(html)
                .contains("data-testid=\"no-ask\"", "data-testid=\"ask-carried\"")
                .contains("2 projects without a confirmed ask (asks due 2026-11-25)")
                .contains("silent</a>: sam · no ask")
                .contains(lab.asks().get(0).project().value() + "</a>: ");
    }

    @Test
    void theBoardShowsATypeMoveWithItsChangeInComputeAndASilentKillAsARelease() {
        var previous = java.util.Map.of(
                dev.allot.core.model.ProjectId.of("moved"), dev.allot.core.model.Allocation.of("H200", 8),
                dev.allot.core.model.ProjectId.of("quiet"), dev.allot.core.model.Allocation.of("H200", 8));
        Lab built = TestLabs.lab()
                .type("H200", 1.4)
                .type("L40S", 0.3)
                .pool("a", "c", "H200", 64, 8)
                .pool("b", "c", "L40S", 64, 8)
                .project("moved", "exploratory", "mo")
                .ask("moved", 8, 8, 8)
                .project("quiet", "exploratory", "qu")
                .build();
        Lab lab = built.toBuilder()
                .history(List.of(new dev.allot.core.model.PastCycle(
                        dev.allot.core.model.CycleId.of("2026-11"), previous, java.util.Map.of())))
                .build();
        dev.allot.core.model.Plan plan = dev.allot.core.model.Plan.builder()
                .cycle(lab.cycle())
                .projects(List.of(
                        line(lab, "moved", previous, dev.allot.core.model.Allocation.of("L40S", 8)),
                        line(lab, "quiet", previous, dev.allot.core.model.Allocation.NONE)))
                .capacityGpus(lab.capacityGpus())
                .allocatableGpus(lab.capacityGpus())
                .solve(Planner.create(PlannerOptions.defaults())
                        .plan(TestLabs.shaped(2, 1).build())
                        .solve())
                .build();

        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.of(plan), "draft v1");
        String html = Templates.render(
                "boardRows.jte", BoardPage.view(DECIDER, List.of(), cycleOf(lab), rows, BoardFilter.none(), true));

        assertThat(html).contains("moves H200 -&gt; L40S: -79 % compute");
        assertThat(rows.rows())
                .filteredOn(row -> row.id().equals("moved"))
                .singleElement()
                .satisfies(row -> assertThat(row.decision()).isEqualTo("shrink"));
        assertThat(rows.rows())
                .filteredOn(row -> row.id().equals("quiet"))
                .singleElement()
                .satisfies(row -> assertThat(row.shownDecision()).isEqualTo("release"));
    }

    private static dev.allot.core.model.ProjectPlan line(
            Lab lab,
            String id,
            java.util.Map<dev.allot.core.model.ProjectId, dev.allot.core.model.Allocation> previous,
            dev.allot.core.model.Allocation grant) {
        var project = dev.allot.core.model.ProjectId.of(id);
        var before = previous.get(project);
        return new dev.allot.core.model.ProjectPlan(
                project,
                dev.allot.core.model.CategoryId.of("exploratory"),
                1,
                before,
                grant,
                dev.allot.core.model.Decision.between(before, grant, lab.relativeSpeeds()),
                grant.effectiveGpus(lab.relativeSpeeds()),
                0,
                Optional.empty(),
                new dev.allot.core.model.Explanation("test", List.of(), java.util.Map.of(), List.of()));
    }

    @Test
    void theReviewPageNamesTheNoAskRuleAndOffersItInThePolicyForm() {
        Lab lab = TestLabs.shaped(4, 1)
                .policy(dev.allot.core.model.Policy.defaults()
                        .edit()
                        .noAsk(dev.allot.core.model.NoAsk.RELEASE)
                        .build())
                .build();
        Cycle cycle = imported(lab);

        String html = Templates.render(
                "review.jte",
                new ReviewPage(Application.over(store))
                        .view(DECIDER, store.cycles().get(cycle.id()), "", "", ""));

        assertThat(html)
                .contains("data-testid=\"no-ask-rule\">release</span>")
                .contains("<option value=\"release\" selected>");
    }

    private Cycle imported(Lab lab) {
        store.lab().importLab(lab, Actor.system("test"));
        return store.cycles().get(lab.cycle()).value();
    }

    private static Cycle cycleOf(Lab lab) {
        return new Cycle(CycleId.of(lab.cycle().value()), lab.cycleStart(), CycleState.OPEN, lab.policy());
    }
}
