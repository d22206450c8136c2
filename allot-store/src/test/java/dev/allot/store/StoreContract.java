package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's behaviour, run against every supported database by the subclasses. */
abstract class StoreContract {
    static final Actor ADMIN = new Actor("root", Role.ADMIN);
    static final Actor DECIDER = new Actor("ada", Role.DECIDER);
    static final Actor OTHER_DECIDER = new Actor("grace", Role.DECIDER);
    static final Actor REVIEWER = new Actor("rev", Role.REVIEWER);
    static final CycleId CYCLE = CycleId.of("2026-12");

    Store store;

    abstract Store open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Plan solve(Lab lab) {
        return Planner.create(PlannerOptions.defaults()).plan(lab);
    }

    void moveTo(CycleState target, Actor actor) {
        CycleState state = store.cycles().get(CYCLE).value().state();
        while (state != target) {
            state = store.cycles()
                    .transition(CYCLE, state.next(), null, actor)
                    .value()
                    .state();
        }
    }

    @Test
    void aLabReadsBackExactlyAsImported() {
        Lab lab = TestLabs.shaped(6, 1)
                .pin("project-0", "H100", 16)
                .kill("project-1")
                .past("2026-10", "project-2", "H100", 8)
                .build();

        ImportSummary first = store.lab().importLab(lab, ADMIN);

        assertThat(first.created()).isGreaterThan(20);
        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
    }

    @Test
    void jobShapesAndTheirPolicyReadBackAsImportedAndAReimportKeepsThem() {
        Lab base = TestLabs.shaped(3, 4).build();
        List<dev.allot.core.model.Ask> asks = new java.util.ArrayList<>(base.asks());
        asks.set(
                0,
                asks.get(0)
                        .withJobShape(java.util.Optional.of(
                                new dev.allot.core.model.JobShape(16, java.util.Set.of(GpuTypeId.of("H100"))))));
        asks.set(1, asks.get(1).withJobShape(java.util.Optional.of(new dev.allot.core.model.JobShape(8, null))));
        Lab lab = base.toBuilder()
                .asks(asks)
                .build()
                .withPolicy(base.policy()
                        .edit()
                        .jobShapes(dev.allot.core.model.JobShapes.STRICT)
                        .build());

        store.lab().importLab(lab, ADMIN);
        ImportSummary again = store.lab().importLab(lab, ADMIN);

        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
        assertThat(again.changes()).isZero();
        store.lab().importLab(base, ADMIN);
        assertThat(store.lab().export(CYCLE).asks())
                .allSatisfy(ask -> assertThat(ask.jobShape()).isEmpty());
    }

    @Test
    void capacityEventsReadBackAsImportedAndAReimportKeepsThem() {
        Lab base = TestLabs.shaped(3, 4).build();
        Lab lab = base.withCapacityEvents(List.of(
                dev.allot.core.model.CapacityEvent.arrival(
                        "east-h100", 64, base.cycleStart().plusDays(21)),
                dev.allot.core.model.CapacityEvent.outage(
                        "east-h100",
                        16,
                        base.cycleStart().plusDays(30),
                        base.cycleStart().plusDays(32))));

        store.lab().importLab(lab, ADMIN);
        ImportSummary again = store.lab().importLab(lab, ADMIN);

        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
        assertThat(again.changes()).isZero();
        store.lab().importLab(base, ADMIN);
        assertThat(store.lab().capacityEvents()).isEmpty();
    }

    @Test
    void budgetsReadBackAsImportedAReimportKeepsThemAndAnEditIsAudited() {
        Lab base = TestLabs.shaped(3, 4).build();
        Lab lab = base.withBudgets(List.of(
                new dev.allot.core.model.Budget(
                        dev.allot.core.model.ProjectId.of("project-2"),
                        dev.allot.core.model.GpuTypeId.of("H100"),
                        5000),
                new dev.allot.core.model.Budget(
                        dev.allot.core.model.ProjectId.of("project-0"),
                        dev.allot.core.model.GpuTypeId.of("A100"),
                        120.5)));

        store.lab().importLab(lab, ADMIN);
        ImportSummary again = store.lab().importLab(lab, ADMIN);

        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
        assertThat(again.changes()).isZero();
        store.cycles().setBudgets(CYCLE, lab.budgets().subList(0, 1), ADMIN);
        assertThat(store.cycles().budgets(CYCLE)).containsExactly(lab.budgets().get(0));
        assertThat(store.audit().list("budgets", CYCLE.value(), 10)).hasSize(2);
        store.lab().importLab(base, ADMIN);
        assertThat(store.cycles().budgets(CYCLE)).isEmpty();
    }

    @Test
    void categoryBudgetsKeepTheirPlaceAmongProjectBudgetsThroughImportEditAndExport() {
        Lab base = TestLabs.shaped(3, 4).build();
        dev.allot.core.model.GpuTypeId h100 = dev.allot.core.model.GpuTypeId.of("H100");
        List<dev.allot.core.model.Budget> budgets = List.of(
                new dev.allot.core.model.Budget(dev.allot.core.model.CategoryId.of("product"), h100, 20_000),
                new dev.allot.core.model.Budget(dev.allot.core.model.ProjectId.of("project-2"), h100, 5000),
                new dev.allot.core.model.Budget(dev.allot.core.model.CategoryId.of("exploratory"), h100, 0.5));
        Lab lab = base.withBudgets(budgets);

        store.lab().importLab(lab, ADMIN);

        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
        assertThat(store.lab().importLab(lab, ADMIN).changes()).isZero();
        store.cycles().setBudgets(CYCLE, List.of(budgets.get(2), budgets.get(1)), ADMIN);
        assertThat(store.cycles().budgets(CYCLE)).containsExactly(budgets.get(2), budgets.get(1));
        assertThat(store.audit().list("budgets", CYCLE.value(), 10).get(0).toString())
                .contains("category", "exploratory");
        store.lab().importLab(base, ADMIN);
        assertThat(store.cycles().budgets(CYCLE)).isEmpty();
    }

    @Test
    void blocksSurviveImportAndExportAndAProjectsEditIsVersionedAndAudited() {
        Lab base = TestLabs.shaped(3, 4).build();
        dev.allot.core.model.Block big = block("project-0", "H100", 64, 10, 3, 30);
        dev.allot.core.model.Block second = block("project-0", "A100", 16, 5, 20, 56);
        dev.allot.core.model.Block other = block("project-2", "H100", 8, 7, 0, 14);
        Lab lab = base.withBlocks(List.of(big, second, other));

        store.lab().importLab(lab, ADMIN);
        ImportSummary again = store.lab().importLab(lab, ADMIN);

        assertThat(store.lab().export(CYCLE)).isEqualTo(lab);
        assertThat(again.changes()).isZero();
        Versioned<List<dev.allot.core.model.Block>> own = store.blocks().of(CYCLE, ProjectId.of("project-0"));
        assertThat(own.value()).containsExactly(big, second);
        assertThat(own.version()).isEqualTo(1);
        assertThatThrownBy(() -> store.blocks().replace(CYCLE, ProjectId.of("project-0"), List.of(second), 7, ADMIN))
                .isInstanceOf(AllotException.class)
                .hasMessageContaining("7");
        Versioned<List<dev.allot.core.model.Block>> edited =
                store.blocks().replace(CYCLE, ProjectId.of("project-0"), List.of(second), 1, ADMIN);
        assertThat(edited.value()).containsExactly(second);
        assertThat(edited.version()).isEqualTo(2);
        assertThat(store.blocks()
                        .replace(CYCLE, ProjectId.of("project-0"), List.of(second), 2, ADMIN)
                        .version())
                .isEqualTo(2);
        assertThat(store.blocks().list(CYCLE)).containsExactly(second, other);
        assertThat(store.audit().list("blocks", CYCLE + "/project-0", 10)).hasSize(2);
        store.lab().importLab(base, ADMIN);
        assertThat(store.blocks().list(CYCLE)).isEmpty();
        moveTo(CycleState.REVIEW, DECIDER);
        assertThatThrownBy(() -> store.blocks().replace(CYCLE, ProjectId.of("project-0"), List.of(big), null, ADMIN))
                .isInstanceOf(AllotException.class)
                .hasMessageContaining("edit blocks");
    }

    private static dev.allot.core.model.Block block(
            String project, String type, int gpus, int days, int fromDay, int untilDay) {
        LocalDate start = LocalDate.of(2026, 12, 1);
        return new dev.allot.core.model.Block(
                ProjectId.of(project),
                GpuTypeId.of(type),
                gpus,
                days,
                start.plusDays(fromDay),
                start.plusDays(untilDay));
    }

    @Test
    void importingTheSameLabAgainChangesNothing() {
        Lab lab = TestLabs.shaped(5, 2).build();
        store.lab().importLab(lab, ADMIN);
        int auditBefore = store.audit().list(null, null, 1000).size();

        ImportSummary second = store.lab().importLab(lab, ADMIN);

        assertThat(second.changes()).isZero();
        assertThat(store.audit().list(null, null, 1000)).hasSize(auditBefore);
    }

    @Test
    void reimportingAnEditedLabUpdatesAndDeletesOnlyWhatDiffers() {
        store.lab().importLab(TestLabs.shaped(3, 3).build(), ADMIN);
        Lab edited = TestLabs.lab()
                .type("H100", 1.0)
                .type("A100", 0.5)
                .pool("east-h100", "east", "H100", 192, 8)
                .pool("west-h100", "west", "H100", 48, 8)
                .pool("east-a100", "east", "A100", 96, 8)
                .project("project-0", "exploratory", "lead0")
                .project("project-1", "product", "lead1")
                .project("project-2", "infrastructure", "lead2")
                .ask("project-0", 0, 8, 24)
                .build();

        ImportSummary summary = store.lab().importLab(edited, ADMIN);

        assertThat(summary.deleted())
                .as("asks of project-1, project-2 and all six scores")
                .isEqualTo(8);
        assertThat(store.lab().export(CYCLE)).isEqualTo(edited);
    }

    @Test
    void reimportingInAnotherOrderExportsInThatOrder() {
        Lab lab = TestLabs.shaped(4, 11).build();
        store.lab().importLab(lab, ADMIN);
        List<Project> reversed = new java.util.ArrayList<>(lab.projects());
        java.util.Collections.reverse(reversed);
        Lab reordered = lab.toBuilder().projects(reversed).build();

        assertThat(store.lab().importLab(reordered, ADMIN).changes()).isZero();
        assertThat(store.lab().export(CYCLE).projects()).isEqualTo(reversed);
    }

    @Test
    void aStaleProjectUpdateIsRefusedAndLosesNothing() {
        store.lab().importLab(TestLabs.shaped(2, 4).build(), ADMIN);
        Versioned<Project> read = store.lab().project(ProjectId.of("project-0")).orElseThrow();
        Project renamed = new Project(
                read.value().id(),
                "Renamed",
                read.value().category(),
                read.value().lead(),
                read.value().members(),
                ProjectStatus.PAUSED);
        store.lab().updateProject(renamed, read.version(), ADMIN);

        Project other = new Project(
                read.value().id(),
                "Other",
                read.value().category(),
                read.value().lead(),
                read.value().members(),
                ProjectStatus.ACTIVE);
        assertThatThrownBy(() -> store.lab().updateProject(other, read.version(), ADMIN))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo(Stale.CODE))
                .hasMessageContaining("project project-0 changed since version 1");
        assertThat(store.lab().project(ProjectId.of("project-0")).orElseThrow()).isEqualTo(new Versioned<>(renamed, 2));
        assertThat(store.lab().history(ProjectId.of("project-0")).statusChanges())
                .extracting(ProjectHistory.StatusChange::status)
                .containsExactly(ProjectStatus.ACTIVE, ProjectStatus.PAUSED);
    }

    @Test
    void theCycleMovesOnlyForwardOneStepByAllowedRoles() {
        store.cycles()
                .create(CycleId.of("2027-01"), LocalDate.of(2027, 1, 1), dev.allot.core.model.Policy.defaults(), ADMIN);
        CycleId id = CycleId.of("2027-01");

        assertThatThrownBy(() -> store.cycles().transition(id, CycleState.DRAFT, null, DECIDER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo("transition-not-allowed"))
                .hasMessage("Cycle 2027-01 cannot move from open to draft. Maybe move to review?");
        assertThatThrownBy(() -> store.cycles().transition(id, CycleState.REVIEW, null, REVIEWER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.FORBIDDEN))
                .hasMessage("Role reviewer may not move cycle 2027-01 to review. Maybe ask a [admin, decider]?");
        assertThat(store.cycles().transition(id, CycleState.REVIEW, 1, DECIDER))
                .isEqualTo(new Versioned<>(
                        new Cycle(
                                id,
                                LocalDate.of(2027, 1, 1),
                                CycleState.REVIEW,
                                dev.allot.core.model.Policy.defaults()),
                        2));
        assertThatThrownBy(() -> store.cycles().transition(id, CycleState.DRAFT, 1, DECIDER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo(Stale.CODE));
    }

    @Test
    void asksAreFrozenOnceReviewStartsAndScoresWaitForIt() {
        Lab lab = TestLabs.shaped(2, 5).build();
        store.lab().importLab(lab, ADMIN);
        Score score = new Score(ProjectId.of("project-0"), "rev", 9, "strong");
        assertThatThrownBy(() -> store.reviews().putScore(CYCLE, score, REVIEWER))
                .hasMessage("Cannot score projects while cycle 2026-12 is open; allowed in [review]."
                        + " Maybe move the cycle first?");

        moveTo(CycleState.REVIEW, DECIDER);

        store.reviews().putScore(CYCLE, score, REVIEWER);
        assertThat(store.reviews().scores(CYCLE)).contains(score);
        StoredAsk ask = new StoredAsk(lab.asks().get(0), Evidence.NONE);
        assertThatThrownBy(() -> store.reviews().putAsk(CYCLE, ask, null, ADMIN))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo("cycle-state"));
    }

    @Test
    void aCycleIsCreatedWithItsCarriedAsksAndDeadlineAndAConfirmationMarksAnAsk() {
        Lab lab = TestLabs.shaped(2, 5).build();
        store.lab().importLab(lab, ADMIN);
        CycleId next = CycleId.of("2027-01");
        StoredAsk carried = new StoredAsk(lab.asks().get(0), Evidence.NONE).carried();
        LocalDate deadline = LocalDate.of(2026, 12, 20);

        store.cycles()
                .create(
                        new Cycle(next, LocalDate.of(2027, 1, 1), CycleState.OPEN, lab.policy(), deadline),
                        List.of(carried),
                        DECIDER);

        assertThat(store.cycles().get(next).value().askDeadline()).isEqualTo(deadline);
        ProjectId project = carried.ask().project();
        Versioned<StoredAsk> stored = store.reviews().ask(next, project).orElseThrow();
        assertThat(stored.value()).isEqualTo(carried);
        assertThat(stored.value().state()).isEqualTo(AskState.CARRIED);

        Versioned<StoredAsk> confirmed = store.reviews().confirmAsk(next, project, stored.version(), ADMIN);

        assertThat(confirmed.version()).isEqualTo(2);
        assertThat(store.reviews().ask(next, project).orElseThrow().value().state())
                .isEqualTo(AskState.CONFIRMED);
        assertThatThrownBy(() -> store.reviews().confirmAsk(next, project, null, ADMIN))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo("ask-not-carried-over"));
        assertThat(store.cycles()
                        .setAskDeadline(next, null, null, DECIDER)
                        .value()
                        .askDeadline())
                .isNull();
    }

    @Test
    void aCycleWhoseCarriedAskFailsIsNotCreated() {
        Lab lab = TestLabs.shaped(1, 5).build();
        store.lab().importLab(lab, ADMIN);
        CycleId next = CycleId.of("2027-01");
        StoredAsk unknown = new StoredAsk(
                new dev.allot.core.model.Ask(ProjectId.of("nobody"), 8, 8, 8, null, null, ""), Evidence.NONE);

        assertThatThrownBy(() -> store.cycles()
                        .create(
                                new Cycle(next, LocalDate.of(2027, 1, 1), CycleState.OPEN, lab.policy()),
                                List.of(unknown),
                                DECIDER))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.cycles().find(next)).isEmpty();
    }

    @Test
    void asksKeepTheirEvidence() {
        Lab lab = TestLabs.shaped(1, 6).build();
        store.lab().importLab(lab, ADMIN);
        Evidence evidence = new Evidence(
                List.of("https://wiki/p0"),
                Map.of("mmlu", 0.71),
                List.of(new Evidence.ScalingPoint(8, 0.5), new Evidence.ScalingPoint(16, 0.6)));
        Versioned<StoredAsk> stored =
                store.reviews().ask(CYCLE, ProjectId.of("project-0")).orElseThrow();

        Versioned<StoredAsk> written =
                store.reviews().putAsk(CYCLE, new StoredAsk(stored.value().ask(), evidence), stored.version(), ADMIN);

        assertThat(written.version()).isEqualTo(2);
        assertThat(store.reviews()
                        .ask(CYCLE, ProjectId.of("project-0"))
                        .orElseThrow()
                        .value()
                        .evidence())
                .isEqualTo(evidence);
    }

    @Test
    void publishingMakesImmutableVersionsThatSupersedeEachOther() {
        Lab lab = TestLabs.shaped(4, 7).build();
        store.lab().importLab(lab, ADMIN);
        moveTo(CycleState.DRAFT, DECIDER);
        Plan plan = solve(store.lab().export(CYCLE));
        StoredPlan draft = store.plans().saveDraft(CYCLE, plan, null, DECIDER);

        StoredPlan v1 = store.plans().publish(CYCLE, draft.version(), "first", DECIDER);
        assertThatThrownBy(() -> store.plans().publish(CYCLE, null, "again", OTHER_DECIDER))
                .as("the same draft is not published twice")
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.code()).isEqualTo("draft-already-published");
                    assertThat(e.getMessage()).contains("already published as version 1");
                });
        Plan corrected = solve(TestLabs.shaped(4, 8).build());
        store.plans().saveDraft(CYCLE, corrected, draft.version(), DECIDER);
        StoredPlan v2 = store.plans().publish(CYCLE, null, "correction", DECIDER);

        assertThat(store.cycles().get(CYCLE).value().state()).isEqualTo(CycleState.PUBLISHED);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.supersedes()).isNull();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.supersedes()).isEqualTo(v1.id());
        assertThat(store.plans().published(CYCLE, 1).orElseThrow().plan()).isEqualTo(plan);
        assertThat(store.plans().published(CYCLE)).extracting(StoredPlan::note).containsExactly("first", "correction");
        assertThatThrownBy(() -> store.plans().publish(CYCLE, null, "", REVIEWER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.FORBIDDEN));
    }

    @Test
    void twoDecidersSavingTheSameDraftVersionOneWinsTheOtherIsRefused() {
        store.lab().importLab(TestLabs.shaped(3, 8).build(), ADMIN);
        moveTo(CycleState.DRAFT, DECIDER);
        Plan plan = solve(store.lab().export(CYCLE));
        int read = store.plans().saveDraft(CYCLE, plan, null, DECIDER).version();

        store.plans().saveDraft(CYCLE, plan, read, DECIDER);

        assertThatThrownBy(() -> store.plans().saveDraft(CYCLE, plan, read, OTHER_DECIDER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo(Stale.CODE));
        assertThat(store.plans().draft(CYCLE).orElseThrow().createdBy()).isEqualTo("ada");
        assertThatThrownBy(() -> store.plans().publish(CYCLE, read, "", OTHER_DECIDER))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.code()).isEqualTo(Stale.CODE));
        assertThat(store.plans().published(CYCLE)).isEmpty();
    }

    @Test
    void twoDecidersWritingAtTheSameInstantOneWinsTheOtherIsToldItIsStale() throws Exception {
        store.lab().importLab(TestLabs.shaped(3, 12).build(), ADMIN);
        moveTo(CycleState.DRAFT, DECIDER);
        Plan plan = solve(store.lab().export(CYCLE));
        for (int round = 0; round < 5; round++) {
            int read = store.plans().saveDraft(CYCLE, plan, null, DECIDER).version();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (Actor decider : List.of(DECIDER, OTHER_DECIDER)) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.plans().saveDraft(CYCLE, plan, read, decider);
                        return "saved";
                    } catch (AllotException e) {
                        return e.code();
                    }
                }));
            }
            List<String> results = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                results.add(outcome.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(results).as("round %d", round).containsExactlyInAnyOrder("saved", Stale.CODE);
            assertThat(store.plans().draft(CYCLE).orElseThrow().version()).isEqualTo(read + 1);
        }
    }

    @Test
    void anImportIntoAPublishedCycleIsRefusedAndWritesNothing() {
        Lab lab = TestLabs.shaped(4, 7).build();
        store.lab().importLab(lab, ADMIN);
        moveTo(CycleState.DRAFT, DECIDER);
        store.plans().saveDraft(CYCLE, solve(store.lab().export(CYCLE)), null, DECIDER);
        store.plans().publish(CYCLE, null, "decided", DECIDER);
        Lab published = store.lab().export(CYCLE);
        long audited = store.audit().highWater();
        Lab edited = TestLabs.shaped(4, 8).build();

        assertThatThrownBy(() -> store.lab().importLab(edited, ADMIN))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.code()).isEqualTo("lab-import-published-cycle");
                    assertThat(e.getMessage()).contains(CYCLE.value()).contains("published");
                });
        assertThat(store.lab().export(CYCLE)).isEqualTo(published);
        assertThat(store.audit().highWater()).isEqualTo(audited);
    }

    @Test
    void theNextCycleSeesThePublishedPlanAsHistoryAndDiffsAgainstIt() {
        Lab lab = TestLabs.shaped(4, 9).build();
        store.lab().importLab(lab, ADMIN);
        moveTo(CycleState.DRAFT, DECIDER);
        Plan first = solve(store.lab().export(CYCLE));
        store.plans().saveDraft(CYCLE, first, null, DECIDER);
        store.plans().publish(CYCLE, null, "", DECIDER);
        ProjectId funded = first.projects().stream()
                .filter(p -> !p.grant().isEmpty())
                .findFirst()
                .orElseThrow()
                .project();
        store.usage()
                .record(List.of(new UsageDay(funded, GpuTypeId.of("H100"), LocalDate.of(2026, 12, 2), 240)), ADMIN);
        CycleId next = CycleId.of("2027-01");
        store.cycles().create(next, LocalDate.of(2027, 1, 1), lab.policy(), ADMIN);

        Lab nextLab = store.lab().export(next);

        assertThat(nextLab.history()).hasSize(1);
        assertThat(nextLab.previousGrant(funded))
                .isEqualTo(first.project(funded).orElseThrow().grant());
        assertThat(nextLab.history().get(0).usedFraction()).containsKey(funded);
        ProjectHistory history = store.lab().history(funded);
        assertThat(history.cycles())
                .extracting(ProjectHistory.CycleLine::usedGpuHours)
                .containsExactly(240.0, 0.0);
        assertThat(history.cycles().get(0).granted())
                .isEqualTo(first.project(funded).orElseThrow().grant());
        assertThat(history.cycles().get(0).rationale()).isNotBlank();
    }

    @Test
    void tokensAuthenticateTheirHolderAndAreStoredHashed() {
        TokenRepository.Issued issued = store.tokens().create("ada", Role.DECIDER, "laptop", ADMIN);

        assertThat(store.tokens().authenticate(issued.token())).contains(new Actor("ada", Role.DECIDER));
        assertThat(store.tokens().authenticate(issued.token() + "x")).isEmpty();
        assertThat(store.audit().list("api", null, 10).get(0).after()).doesNotContain(issued.token());
        assertThat(store.tokens().revoke(issued.token(), ADMIN)).isTrue();
        assertThat(store.tokens().authenticate(issued.token())).isEmpty();
    }

    @Test
    void everyChangeIsAuditedWithBeforeAndAfter() {
        store.lab().importLab(TestLabs.shaped(1, 10).build(), ADMIN);
        Versioned<Project> read = store.lab().project(ProjectId.of("project-0")).orElseThrow();
        Project renamed = new Project(
                read.value().id(),
                "Renamed",
                read.value().category(),
                read.value().lead(),
                read.value().members(),
                read.value().status());

        store.lab().updateProject(renamed, read.version(), new Actor("mallory", Role.ADMIN));

        AuditLog.Entry entry = store.audit().list("project", "project-0", 1).get(0);
        assertThat(entry.actor()).isEqualTo("mallory");
        assertThat(entry.before()).contains("Project project-0");
        assertThat(entry.after()).contains("Renamed");
    }
}
