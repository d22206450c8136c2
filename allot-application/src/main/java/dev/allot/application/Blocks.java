package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Block;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.rules.BlockRules;
import dev.allot.core.rules.Fleet;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.ReviewRepository;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reserved blocks of a cycle, part of each project's ask: list them, replace a project's, and say where a plan
 * placed each (or why it could not).
 */
public final class Blocks {
    /**
     * A block as asked, where the plan placed it (empty when it did not, or there is no plan), and the plan's sentence
     * about it (empty without a plan).
     */
    public record Scheduled(Block block, Optional<PlacedBlock> placed, String explanation) {}

    private final Store store;
    private final Reviews reviews;

    Blocks(Store store, Reviews reviews) {
        this.store = store;
        this.reviews = reviews;
    }

    /** The cycle's blocks, project by project; an unknown cycle is NOT_FOUND. */
    public List<Block> list(CycleId cycle) {
        return store.blocks().list(cycle);
    }

    /** A project's blocks in the cycle with their version. */
    public Versioned<List<Block>> of(CycleId cycle, ProjectId project) {
        return store.blocks().of(cycle, project);
    }

    /**
     * Replaces a project's blocks after {@link BlockRules}: every problem at once, each at {@code
     * blocks[i].gpuType|gpus|days|earliestStart|latestEnd}; nothing is stored unless all hold. Who may write them is
     * the ask's rule (its lead, or an admin), and when: while the cycle is open.
     */
    public Versioned<List<Block>> replace(
            CycleId cycle, ProjectId project, List<BlockRules.Entry> entries, Integer expectedVersion, Actor actor) {
        reviews.requireAskWriter(project, actor);
        List<Problem> problems = problems(cycle, entries);
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
            throw new AllotException(
                    ErrorCode.VALIDATION_FAILED,
                    "Blocks of " + project + " in cycle " + cycle + ": "
                            + problems.get(0).describe() + more,
                    problems,
                    null);
        }
        return store.blocks().replace(cycle, project, blocks(project, entries), expectedVersion, actor);
    }

    /**
     * Saves a project's ask together with its blocks, as the ask form sends them: the ask's writer rule, the order
     * of floor, target and ceiling, its job shape and every block rule are checked first, every problem at once (blocks' at {@code
     * blocks[i].field}); then the ask and the blocks are stored in one transaction, so that a stale version of either
     * (or any other refusal) leaves both as they were.
     *
     * @param expectedAskVersion the ask's version the form was filled from (null: no check)
     * @param expectedBlocksVersion the blocks' version the form was filled from (0 before their first write; null: no
     *     check)
     */
    public ReviewRepository.AskWithBlocks submitAsk(
            CycleId cycle,
            StoredAsk ask,
            Integer expectedAskVersion,
            List<BlockRules.Entry> entries,
            Integer expectedBlocksVersion,
            Actor actor) {
        ProjectId project = ask.ask().project();
        reviews.requireAskWriter(project, actor);
        // The ask's record already holds floor <= target <= ceiling; the rest is the plain ask write's rules.
        List<Problem> problems = new ArrayList<>(reviews.askProblems(ask.ask()));
        problems.addAll(problems(cycle, entries));
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
            throw new AllotException(
                    ErrorCode.VALIDATION_FAILED,
                    "Ask of " + project + " in cycle " + cycle + ": "
                            + problems.get(0).describe() + more + "; nothing was saved.",
                    problems,
                    null);
        }
        return store.reviews()
                .putAskWithBlocks(
                        cycle, ask, expectedAskVersion, blocks(project, entries), expectedBlocksVersion, actor);
    }

    private static List<Block> blocks(ProjectId project, List<BlockRules.Entry> entries) {
        return entries.stream()
                .map(entry -> new Block(
                        project,
                        GpuTypeId.of(entry.gpuType()),
                        entry.gpus(),
                        entry.days(),
                        entry.earliestStart(),
                        entry.latestEnd()))
                .toList();
    }

    /**
     * Every problem of a project's blocks as written, by {@link BlockRules} against the lab's fleet and the cycle's
     * days, each at {@code blocks[i].field}; empty when all hold.
     */
    public List<Problem> problems(CycleId cycle, List<BlockRules.Entry> entries) {
        Cycle stored = store.cycles().get(cycle).value();
        Fleet fleet = Fleet.of(store.lab().gpuTypes(), store.lab().pools());
        return BlockRules.check(entries, fleet, stored.start(), stored.start().plusDays(Lab.CYCLE_DAYS), "");
    }

    /**
     * Each asked block with where {@code plan} placed it: a placement is matched to the first asked block it can be
     * (the planner places blocks in the lab's order), and the explanation is the plan's sentence about the block.
     */
    public static List<Scheduled> schedule(List<Block> asked, Optional<Plan> plan) {
        List<PlacedBlock> unmatched = new ArrayList<>(plan.map(Plan::blocks).orElse(List.of()));
        List<Scheduled> scheduled = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            Block block = asked.get(i);
            Optional<PlacedBlock> placed =
                    unmatched.stream().filter(p -> p.places(block)).findFirst();
            placed.ifPresent(unmatched::remove);
            int nth = (int) asked.subList(0, i).stream()
                    .filter(b -> b.project().equals(block.project()))
                    .count();
            scheduled.add(new Scheduled(
                    block, placed, plan.map(p -> sentence(p, block, nth)).orElse("")));
        }
        return scheduled;
    }

    /** The {@code nth} sentence about its project's blocks in the plan's explanation of the project. */
    private static String sentence(Plan plan, Block block, int nth) {
        String summary = plan.projects().stream()
                .filter(line -> line.project().equals(block.project()))
                .map(ProjectPlan::explanation)
                .map(explanation -> explanation.summary())
                .findFirst()
                .orElse("");
        String marker = "Its block of ";
        int at = -1;
        for (int k = 0; k <= nth; k++) {
            at = summary.indexOf(marker, at + 1);
            if (at < 0) {
                return "";
            }
        }
        int end = summary.indexOf(". ", at);
        return end < 0 ? summary.substring(at) : summary.substring(at, end + 1);
    }
}
