package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.Block;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The review inside a cycle: asks (in state open), scores (in review), and the deciders' pins and overrides (while
 * drafting, and for corrections after publishing).
 */
public final class ReviewRepository {
    private static final Set<CycleState> DECIDING =
            EnumSet.of(CycleState.REVIEW, CycleState.DRAFT, CycleState.PUBLISHED);

    private final Store store;

    ReviewRepository(Store store) {
        this.store = store;
    }

    public List<Versioned<StoredAsk>> asks(CycleId cycle) {
        return store.read(handle -> {
            CycleRepository.require(handle, cycle);
            return ReviewReads.asks(handle, cycle.value());
        });
    }

    public Optional<Versioned<StoredAsk>> ask(CycleId cycle, ProjectId project) {
        return store.read(handle -> ReviewReads.ask(handle, cycle.value(), project));
    }

    /** Creates or replaces a project's ask while the cycle is open; a stale {@code expectedVersion} is refused. */
    public Versioned<StoredAsk> putAsk(CycleId cycle, StoredAsk ask, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> putAsk(handle, cycle, ask, expectedVersion, actor));
    }

    /** A project's ask and its blocks as {@link #putAskWithBlocks} wrote them, each with its version. */
    public record AskWithBlocks(Versioned<StoredAsk> ask, Versioned<List<Block>> blocks) {}

    /**
     * Writes a project's ask and its blocks (both checked by the caller) in one transaction while the cycle is open,
     * as {@link #putAsk} and {@link BlockRepository#replace} would one after the other: a stale version of either, or
     * any other refusal, leaves both as they were.
     */
    public AskWithBlocks putAskWithBlocks(
            CycleId cycle,
            StoredAsk ask,
            Integer expectedAskVersion,
            List<Block> blocks,
            Integer expectedBlocksVersion,
            Actor actor) {
        return store.transaction(handle -> {
            Versioned<StoredAsk> written = putAsk(handle, cycle, ask, expectedAskVersion, actor);
            return new AskWithBlocks(
                    written,
                    store.blocks().replace(handle, cycle, ask.ask().project(), blocks, expectedBlocksVersion, actor));
        });
    }

    private Versioned<StoredAsk> putAsk(
            Handle handle, CycleId cycle, StoredAsk ask, Integer expectedVersion, Actor actor) {
        requireOpenFor(handle, cycle, EnumSet.of(CycleState.OPEN), "edit asks");
        requireProject(handle, ask.ask().project());
        Versioned<StoredAsk> before =
                ReviewReads.ask(handle, cycle.value(), ask.ask().project()).orElse(null);
        int version = writes(handle, actor, cycle).putAsk(before, ask, expectedVersion);
        return new Versioned<>(ask, version);
    }

    /**
     * Confirms a carried-over ask as it stands (its lead keeps last cycle's ask) while the cycle is open. Refused
     * when the project has no ask, or its ask is not carried over; a stale {@code expectedVersion} is refused.
     */
    public Versioned<StoredAsk> confirmAsk(CycleId cycle, ProjectId project, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            requireOpenFor(handle, cycle, EnumSet.of(CycleState.OPEN), "confirm asks");
            requireProject(handle, project);
            Versioned<StoredAsk> before = ReviewReads.ask(handle, cycle.value(), project)
                    .orElseThrow(() -> new AllotException(
                            ErrorCode.ASK_NOT_FOUND,
                            "Project " + project + " has no ask in cycle " + cycle + ". Maybe PUT one first?"));
            if (before.value().state() != AskState.CARRIED) {
                throw new AllotException(
                        ErrorCode.ASK_NOT_CARRIED_OVER,
                        "The ask of project " + project + " in cycle " + cycle + " is "
                                + before.value().state().words()
                                + ", not carried over, so there is nothing to confirm. Maybe edit it with PUT instead?");
            }
            StoredAsk confirmed =
                    new StoredAsk(before.value().ask(), before.value().evidence(), AskState.CONFIRMED);
            int version = writes(handle, actor, cycle).putAsk(before, confirmed, expectedVersion);
            return new Versioned<>(confirmed, version);
        });
    }

    public List<Score> scores(CycleId cycle) {
        return store.read(handle -> ReviewReads.scores(handle, cycle.value()));
    }

    /** One reviewer's score of a project with its version (the number of changes to it). */
    public Optional<Versioned<Score>> score(CycleId cycle, ProjectId project, String reviewer) {
        return store.read(handle -> {
            CycleRepository.require(handle, cycle);
            return ReviewReads.scores(handle, cycle.value()).stream()
                    .filter(s -> s.project().equals(project) && s.reviewer().equals(reviewer))
                    .findFirst()
                    .map(s -> new Versioned<>(
                            s, AuditVersions.current(handle, "score", scoreId(cycle, project, reviewer))));
        });
    }

    /** Records the reviewer's score of a project while the cycle is in review (one score per reviewer). */
    public Score putScore(CycleId cycle, Score score, Actor actor) {
        return putScore(cycle, score, null, actor).value();
    }

    /** As {@link #putScore(CycleId, Score, Actor)}; a stale {@code expectedVersion} is refused. */
    public Versioned<Score> putScore(CycleId cycle, Score score, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            requireOpenFor(handle, cycle, EnumSet.of(CycleState.REVIEW), "score projects");
            requireProject(handle, score.project());
            String id = scoreId(cycle, score.project(), score.reviewer());
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            AuditVersions.expect(
                    "score of " + score.project() + " by " + score.reviewer() + " in cycle " + cycle,
                    expectedVersion,
                    AuditVersions.current(handle, "score", id));
            Score before = ReviewReads.scores(handle, cycle.value()).stream()
                    .filter(s ->
                            s.project().equals(score.project()) && s.reviewer().equals(score.reviewer()))
                    .findFirst()
                    .orElse(null);
            writes(handle, actor, cycle).putScore(before, score);
            return new Versioned<>(score, AuditVersions.current(handle, "score", id));
        });
    }

    private static String scoreId(CycleId cycle, ProjectId project, String reviewer) {
        return cycle + "/" + project + "/" + reviewer;
    }

    public List<Pin> pins(CycleId cycle) {
        return store.read(handle -> ReviewReads.pins(handle, cycle.value()));
    }

    /** A project's pin with its version (the number of changes to it). */
    public Optional<Versioned<Pin>> pin(CycleId cycle, ProjectId project) {
        return deciding(cycle, project, "pin", handle -> ReviewReads.pins(handle, cycle.value()), Pin::project);
    }

    public Pin putPin(CycleId cycle, Pin pin, Actor actor) {
        return putPin(cycle, pin, null, actor).value();
    }

    /** Writes a project's pin; a stale {@code expectedVersion} is refused. */
    public Versioned<Pin> putPin(CycleId cycle, Pin pin, Integer expectedVersion, Actor actor) {
        return putDeciding(
                cycle,
                pin,
                pin.project(),
                "pin",
                expectedVersion,
                actor,
                handle -> ReviewReads.pins(handle, cycle.value()),
                Pin::project,
                ReviewWrites::putPin);
    }

    public List<DeciderOverride> overrides(CycleId cycle) {
        return store.read(handle -> ReviewReads.overrides(handle, cycle.value()));
    }

    /** A project's override with its version (the number of changes to it). */
    public Optional<Versioned<DeciderOverride>> override(CycleId cycle, ProjectId project) {
        return deciding(
                cycle,
                project,
                "override",
                handle -> ReviewReads.overrides(handle, cycle.value()),
                DeciderOverride::project);
    }

    public DeciderOverride putOverride(CycleId cycle, DeciderOverride override, Actor actor) {
        return putOverride(cycle, override, null, actor).value();
    }

    /** Writes a project's override; a stale {@code expectedVersion} is refused. */
    public Versioned<DeciderOverride> putOverride(
            CycleId cycle, DeciderOverride override, Integer expectedVersion, Actor actor) {
        return putDeciding(
                cycle,
                override,
                override.project(),
                "override",
                expectedVersion,
                actor,
                handle -> ReviewReads.overrides(handle, cycle.value()),
                DeciderOverride::project,
                ReviewWrites::putOverride);
    }

    private <T> Optional<Versioned<T>> deciding(
            CycleId cycle,
            ProjectId project,
            String kind,
            Function<Handle, List<T>> current,
            Function<T, ProjectId> projectOf) {
        return store.read(handle -> {
            CycleRepository.require(handle, cycle);
            return current.apply(handle).stream()
                    .filter(v -> projectOf.apply(v).equals(project))
                    .findFirst()
                    .map(v -> new Versioned<>(v, AuditVersions.current(handle, kind, cycle + "/" + project)));
        });
    }

    /** Writes one of the deciders' per-project settings (a pin or an override), replacing the project's current one. */
    private <T> Versioned<T> putDeciding(
            CycleId cycle,
            T value,
            ProjectId project,
            String kind,
            Integer expectedVersion,
            Actor actor,
            Function<Handle, List<T>> current,
            Function<T, ProjectId> projectOf,
            Write<T> write) {
        return store.transaction(handle -> {
            requireOpenFor(handle, cycle, DECIDING, "pin".equals(kind) ? "pin grants" : "override decisions");
            requireProject(handle, project);
            String id = cycle + "/" + project;
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            AuditVersions.expect(
                    kind + " of " + project + " in cycle " + cycle,
                    expectedVersion,
                    AuditVersions.current(handle, kind, id));
            T before = current.apply(handle).stream()
                    .filter(v -> projectOf.apply(v).equals(project))
                    .findFirst()
                    .orElse(null);
            write.apply(writes(handle, actor, cycle), before, value);
            return new Versioned<>(value, AuditVersions.current(handle, kind, id));
        });
    }

    private interface Write<T> {
        void apply(ReviewWrites writes, T before, T after);
    }

    /** Removes a pin ({@code kind} "pin") or an override ("override"); returns whether one existed. */
    public boolean remove(CycleId cycle, String kind, ProjectId project, Actor actor) {
        return remove(cycle, kind, project, null, actor);
    }

    /** As {@link #remove(CycleId, String, ProjectId, Actor)}; a stale {@code expectedVersion} is refused. */
    public boolean remove(CycleId cycle, String kind, ProjectId project, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            requireOpenFor(handle, cycle, DECIDING, "remove " + kind + "s");
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            Optional<?> before = "pin".equals(kind)
                    ? ReviewReads.pins(handle, cycle.value()).stream()
                            .filter(p -> p.project().equals(project))
                            .findFirst()
                    : ReviewReads.overrides(handle, cycle.value()).stream()
                            .filter(o -> o.project().equals(project))
                            .findFirst();
            // a pin removed by someone else since it was read is stale too, not merely absent
            AuditVersions.expect(
                    kind + " of " + project + " in cycle " + cycle,
                    expectedVersion,
                    AuditVersions.current(handle, kind, cycle + "/" + project));
            before.ifPresent(value -> writes(handle, actor, cycle)
                    .delete(
                            kind,
                            "pin".equals(kind) ? "DELETE FROM pin" : "DELETE FROM decider_override",
                            project.value(),
                            null,
                            value));
            return before.isPresent();
        });
    }

    private ReviewWrites writes(Handle handle, Actor actor, CycleId cycle) {
        return new ReviewWrites(new Changes(handle, actor, store.audit()), cycle.value());
    }

    private static void requireOpenFor(Handle handle, CycleId id, Set<CycleState> states, String action) {
        CycleRepository.requireState(CycleRepository.require(handle, id).value(), states, action);
    }

    static void requireProject(Handle handle, ProjectId project) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM project WHERE id = :id")
                        .bind("id", project.value())
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!exists) {
            throw new AllotException(
                    Kind.NOT_FOUND,
                    "project-not-found",
                    "Project " + project
                            + " does not exist. Maybe check the slug, or list projects with GET /api/projects?");
        }
    }
}
