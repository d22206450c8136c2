package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.core.rules.BlockRules;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A project's blocks as a use case: the ask's writer rule, the core rules, and where the plan placed each. */
class BlocksTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:blocks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(6, 5).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void onlyTheProjectsLeadOrAnAdminWritesItsBlocksAndBadOnesAreRefusedWhole() {
        application.cycles().importLab(lab, Actor.system("test"));
        ProjectId own = lab.projects().get(0).id();
        Actor lead = new Actor(lab.projects().get(0).lead(), Role.LEAD);
        Actor otherLead = new Actor(lab.projects().get(1).lead(), Role.LEAD);
        LocalDate start = lab.cycleStart();
        List<BlockRules.Entry> good = List.of(new BlockRules.Entry("H100", 64, 7, start, start.plusDays(14)));

        AllotException stranger = catchThrowableOfType(
                AllotException.class, () -> application.blocks().replace(lab.cycle(), own, good, null, otherLead));
        AllotException bad = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .blocks()
                        .replace(
                                lab.cycle(),
                                own,
                                List.of(good.get(0), new BlockRules.Entry("H100", 60, 7, start, start.plusDays(3))),
                                null,
                                lead));
        int version =
                application.blocks().replace(lab.cycle(), own, good, 0, lead).version();

        assertThat(stranger.kind()).isEqualTo(AllotException.Kind.FORBIDDEN);
        assertThat(bad.problems())
                .extracting(problem -> problem.path())
                .containsExactly("blocks[1].gpus", "blocks[1].latestEnd");
        assertThat(version).isEqualTo(1);
        assertThat(application.blocks().list(lab.cycle())).hasSize(1);
    }

    @Test
    void twoAlikeBlocksAreEachMatchedToTheirOwnPlacementAndSentence() {
        LocalDate start = lab.cycleStart();
        Block block = new Block(lab.projects().get(0).id(), GpuTypeId.of("H100"), 64, 7, start, start.plusDays(56));
        application.cycles().importLab(lab.withBlocks(List.of(block, block)), Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
        var plan = application.drafts().solve(lab.cycle(), DANA, null).plan();

        List<Blocks.Scheduled> scheduled =
                Blocks.schedule(application.blocks().list(lab.cycle()), java.util.Optional.of(plan));

        assertThat(plan.blocks()).hasSize(2);
        assertThat(scheduled).allSatisfy(one -> assertThat(one.placed()).isPresent());
        assertThat(List.of(
                        scheduled.get(0).placed().get(),
                        scheduled.get(1).placed().get()))
                .containsExactlyInAnyOrderElementsOf(plan.blocks());
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        for (Blocks.Scheduled one : scheduled) {
            assertThat(one.explanation())
                    .startsWith("Its block of 64 H100 for 7 days is placed from")
                    .endsWith(".");
        }
        assertThat(scheduled.get(0).explanation())
                .contains(day.format(plan.blocks().get(0).start()));
        assertThat(scheduled.get(1).explanation())
                .contains(day.format(plan.blocks().get(1).start()));
        assertThat(Blocks.schedule(List.of(block), java.util.Optional.empty()))
                .singleElement()
                .satisfies(one -> assertThat(one.explanation()).isEmpty());
    }

    @Test
    void anAskSavedWithItsBlocksHasItsJobShapeCheckedAsAPlainAskWriteDoes() {
        application.cycles().importLab(lab, Actor.system("test"));
        ProjectId own = lab.projects().get(0).id();
        Actor lead = new Actor(lab.projects().get(0).lead(), Role.LEAD);
        var askBefore = store.reviews().ask(lab.cycle(), own).orElseThrow();
        var blocksBefore = store.blocks().of(lab.cycle(), own);
        dev.allot.store.StoredAsk tooLarge = new dev.allot.store.StoredAsk(
                new dev.allot.core.model.Ask(
                        own,
                        8,
                        16,
                        32,
                        java.util.Set.of(GpuTypeId.of("H100")),
                        java.util.Map.of(),
                        "one huge job",
                        java.util.Optional.of(new dev.allot.core.model.JobShape(
                                999_999, new java.util.LinkedHashSet<>(List.of(GpuTypeId.of("H100")))))),
                askBefore.value().evidence());

        AllotException refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .blocks()
                        .submitAsk(lab.cycle(), tooLarge, null, List.of(), blocksBefore.version(), lead));

        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
        assertThat(refused.problems())
                .anySatisfy(problem -> assertThat(problem.path()).startsWith("jobShape"));
        assertThat(store.reviews().ask(lab.cycle(), own).orElseThrow()).isEqualTo(askBefore);
    }

    @Test
    void anAskSavedWithItsBlocksIsOneChangeAStaleVersionOfEitherLeavesBoth() {
        application.cycles().importLab(lab, Actor.system("test"));
        ProjectId own = lab.projects().get(0).id();
        Actor lead = new Actor(lab.projects().get(0).lead(), Role.LEAD);
        LocalDate start = lab.cycleStart();
        List<BlockRules.Entry> blocks = List.of(new BlockRules.Entry("H100", 64, 7, start, start.plusDays(14)));
        var askBefore = store.reviews().ask(lab.cycle(), own).orElseThrow();
        var blocksBefore = store.blocks().of(lab.cycle(), own);
        dev.allot.store.StoredAsk changed = new dev.allot.store.StoredAsk(
                new dev.allot.core.model.Ask(
                        own, 8, 16, 32, java.util.Set.of(GpuTypeId.of("H100")), java.util.Map.of(), "a new plan"),
                askBefore.value().evidence());

        AllotException staleBlocks = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .blocks()
                        .submitAsk(
                                lab.cycle(), changed, askBefore.version(), blocks, blocksBefore.version() + 1, lead));
        AllotException staleAsk = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .blocks()
                        .submitAsk(
                                lab.cycle(), changed, askBefore.version() + 1, blocks, blocksBefore.version(), lead));

        assertThat(staleBlocks.kind()).isEqualTo(AllotException.Kind.CONFLICT);
        assertThat(staleAsk.kind()).isEqualTo(AllotException.Kind.CONFLICT);
        assertThat(store.reviews().ask(lab.cycle(), own).orElseThrow()).isEqualTo(askBefore);
        assertThat(store.blocks().of(lab.cycle(), own)).isEqualTo(blocksBefore);

        var saved = application
                .blocks()
                .submitAsk(lab.cycle(), changed, askBefore.version(), blocks, blocksBefore.version(), lead);
        assertThat(saved.ask().value().ask().justification()).isEqualTo("a new plan");
        assertThat(saved.blocks().value()).hasSize(1);
        assertThat(store.reviews().ask(lab.cycle(), own).orElseThrow().version())
                .isEqualTo(askBefore.version() + 1);
    }

    @Test
    void anAskWithBadBlocksAndAnUnknownTypeIsRefusedWithEveryProblemAndNothingSaved() {
        application.cycles().importLab(lab, Actor.system("test"));
        ProjectId own = lab.projects().get(0).id();
        Actor lead = new Actor(lab.projects().get(0).lead(), Role.LEAD);
        LocalDate start = lab.cycleStart();
        var askBefore = store.reviews().ask(lab.cycle(), own).orElseThrow();
        dev.allot.store.StoredAsk changed = new dev.allot.store.StoredAsk(
                new dev.allot.core.model.Ask(
                        own, 8, 16, 32, java.util.Set.of(GpuTypeId.of("B300")), java.util.Map.of(), "a new plan"),
                askBefore.value().evidence());

        AllotException refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .blocks()
                        .submitAsk(
                                lab.cycle(),
                                changed,
                                null,
                                List.of(new BlockRules.Entry("H100", 60, 7, start, start.plusDays(3))),
                                null,
                                lead));

        assertThat(refused.problems())
                .extracting(problem -> problem.path())
                .containsExactly("gpuTypes", "blocks[0].gpus", "blocks[0].latestEnd");
        assertThat(store.reviews().ask(lab.cycle(), own).orElseThrow()).isEqualTo(askBefore);
    }
}
