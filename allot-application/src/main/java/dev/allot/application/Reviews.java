package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.rules.Fleet;
import dev.allot.store.Actor;
import dev.allot.store.AskState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of the review: asks, scores, the deciders' pins and overrides. */
public final class Reviews {
    private final Store store;
    private final Approvals approvals;

    Reviews(Store store, Approvals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    /** Saves a project's ask. Project leads write the asks of the projects they lead; admins any ask. */
    public Versioned<StoredAsk> submitAsk(CycleId cycle, StoredAsk ask, Integer expectedVersion, Actor actor) {
        requireAskWriter(ask.ask().project(), actor);
        List<dev.allot.core.Problem> problems = askProblems(ask.ask());
        if (!problems.isEmpty()) {
            throw AllotException.validationFailed(problems);
        }
        return store.reviews().putAsk(cycle, ask, expectedVersion, actor);
    }

    /**
     * The rules of an ask against the lab, for every use case that writes asks: its GPU types are the lab's ({@code
     * gpuTypes}), and its job shape names types the lab has and the ask accepts, with room for its largest job
     * ({@link dev.allot.core.rules.JobShapeRules#fits}; fields as {@code jobShape.gpuTypes[0]}).
     */
    public List<dev.allot.core.Problem> askProblems(dev.allot.core.model.Ask ask) {
        Fleet fleet = fleet();
        List<dev.allot.core.Problem> problems = new java.util.ArrayList<>();
        ask.gpuTypes().stream()
                .map(dev.allot.core.model.GpuTypeId::value)
                .sorted()
                .forEach(type -> dev.allot.core.rules.FleetRules.gpuType(type, fleet)
                        .forEach(problem -> problems.add(problem.at("gpuTypes"))));
        Map<dev.allot.core.model.GpuTypeId, Integer> capacity = new java.util.LinkedHashMap<>();
        fleet.capacityGpus().forEach((type, gpus) -> capacity.put(dev.allot.core.model.GpuTypeId.of(type), gpus));
        problems.addAll(dev.allot.core.rules.JobShapeRules.fits(ask, capacity));
        return problems;
    }

    /**
     * Confirms a carried-over ask as it stands: its lead keeps last cycle's ask. Leads confirm the asks of the
     * projects they lead; admins any ask. (Editing the ask with {@link #submitAsk} confirms it too.)
     */
    public Versioned<StoredAsk> confirmAsk(CycleId cycle, ProjectId project, Integer expectedVersion, Actor actor) {
        requireAskWriter(project, actor);
        return store.reviews().confirmAsk(cycle, project, expectedVersion, actor);
    }

    /**
     * Where every active project's ask stands in {@code cycle}, in portfolio order: confirmed, carried over (not yet
     * confirmed) or missing; only those in {@code state} when it is given.
     */
    public List<AskStatus> askStatuses(CycleId cycle, Optional<AskState> state) {
        Map<ProjectId, Versioned<StoredAsk>> asks = new HashMap<>();
        store.reviews().asks(cycle).forEach(ask -> asks.put(ask.value().ask().project(), ask));
        List<AskStatus> statuses = new ArrayList<>();
        for (Versioned<Project> versioned : store.lab().projects()) {
            Project project = versioned.value();
            Versioned<StoredAsk> ask = asks.get(project.id());
            if (project.status() != ProjectStatus.ACTIVE && ask == null) {
                continue;
            }
            AskStatus status = AskStatus.of(project, ask);
            if (state.isEmpty() || state.get() == status.state()) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /** Refuses an actor who may not write the ask of project {@code id} (a lead of another project). */
    public void requireAskWriter(ProjectId id, Actor actor) {
        Project project = store.lab()
                .project(id)
                .orElseThrow(() -> new AllotException(
                        ErrorCode.PROJECT_NOT_FOUND,
                        "Project " + id
                                + " does not exist. Maybe check the slug, or list projects with GET /api/projects?"))
                .value();
        if (actor.role() == Role.LEAD && !project.lead().equals(actor.user())) {
            throw new AllotException(
                    ErrorCode.NOT_YOUR_PROJECT,
                    "User " + actor.user() + " does not lead project " + id + " (its lead is " + project.lead()
                            + "). Maybe ask " + project.lead() + " to edit it?");
        }
    }

    public Score score(CycleId cycle, Score score, Actor actor) {
        return score(cycle, score, null, actor).value();
    }

    /**
     * Records a reviewer's score; when {@code expectedVersion} is given it must be the score's current version (0
     * when the reviewer has not scored the project yet).
     */
    public Versioned<Score> score(CycleId cycle, Score score, Integer expectedVersion, Actor actor) {
        return store.reviews().putScore(cycle, score, expectedVersion, actor);
    }

    /** A reviewer's own score of a project, with its version. */
    public Versioned<Score> score(CycleId cycle, ProjectId project, String reviewer) {
        return store.reviews()
                .score(cycle, project, reviewer)
                .orElseThrow(() -> notFound(ErrorCode.SCORE_NOT_FOUND, "score", project, cycle, " by " + reviewer));
    }

    /** A project's pin, with its version. */
    public Versioned<Pin> pin(CycleId cycle, ProjectId project) {
        return store.reviews()
                .pin(cycle, project)
                .orElseThrow(() -> notFound(ErrorCode.PIN_NOT_FOUND, "pin", project, cycle, ""));
    }

    /** A project's override, with its version. */
    public Versioned<DeciderOverride> override(CycleId cycle, ProjectId project) {
        return store.reviews()
                .override(cycle, project)
                .orElseThrow(() -> notFound(ErrorCode.OVERRIDE_NOT_FOUND, "override", project, cycle, ""));
    }

    private static AllotException notFound(ErrorCode code, String kind, ProjectId project, CycleId cycle, String by) {
        return new AllotException(
                code, "Project " + project + " has no " + kind + by + " in cycle " + cycle + ". Maybe PUT one first?");
    }

    /** The lab's GPUs as the pin rules see them (capacity and node size per type). */
    public Fleet fleet() {
        return Fleet.of(store.lab().gpuTypes(), store.lab().pools());
    }

    public Pin pin(CycleId cycle, Pin pin, Actor actor) {
        return pin(cycle, pin, null, actor).value();
    }

    /** Writes a pin; a stale {@code expectedVersion} is refused. A pin shapes the next draft: its approvals are void. */
    public Versioned<Pin> pin(CycleId cycle, Pin pin, Integer expectedVersion, Actor actor) {
        Versioned<Pin> saved = store.reviews().putPin(cycle, pin, expectedVersion, actor);
        approvals.draftChanged(cycle, "pin on " + pin.project(), actor);
        return saved;
    }

    public DeciderOverride override(CycleId cycle, DeciderOverride override, Actor actor) {
        return override(cycle, override, null, actor).value();
    }

    /** Writes an override; a stale {@code expectedVersion} is refused. */
    public Versioned<DeciderOverride> override(
            CycleId cycle, DeciderOverride override, Integer expectedVersion, Actor actor) {
        Versioned<DeciderOverride> saved = store.reviews().putOverride(cycle, override, expectedVersion, actor);
        approvals.draftChanged(cycle, "override on " + override.project(), actor);
        return saved;
    }

    /**
     * Removes a pin ({@code kind} "pin") or an override ("override"); false when there was none. Pins and overrides
     * shape the next draft, so a change to them voids the draft's approvals.
     */
    public boolean remove(CycleId cycle, String kind, ProjectId project, Actor actor) {
        return remove(cycle, kind, project, null, actor);
    }

    /** As {@link #remove(CycleId, String, ProjectId, Actor)}; a stale {@code expectedVersion} is refused. */
    public boolean remove(CycleId cycle, String kind, ProjectId project, Integer expectedVersion, Actor actor) {
        boolean removed = store.reviews().remove(cycle, kind, project, expectedVersion, actor);
        if (removed) {
            approvals.draftChanged(cycle, kind + " on " + project + " removed", actor);
        }
        return removed;
    }
}
