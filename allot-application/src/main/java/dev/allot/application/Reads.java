package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.IdRules;
import dev.allot.core.rules.Suggest;
import dev.allot.store.Cycle;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only views adapters render; writes go through the use cases. */
public final class Reads {
    private final Store store;

    Reads(Store store) {
        this.store = store;
    }

    /** The read-only views alone, for adapters that render but never write or solve. */
    public static Reads of(Store store) {
        return new Reads(store);
    }

    /**
     * The plan people should look at, the one rule for every screen and the API: the latest published version,
     * unless the draft changed after it was published (or nothing is published yet).
     */
    public Optional<StoredPlan> shownPlan(CycleId cycle) {
        Optional<StoredPlan> draft = store.plans().draft(cycle);
        Optional<StoredPlan> published = store.plans().latestPublished(cycle);
        if (published.isPresent()
                && (draft.isEmpty()
                        || !draft.get().createdAt().isAfter(published.get().createdAt()))) {
            return published;
        }
        return draft;
    }

    /**
     * Whether {@code role} sees drafts: drafts are the deciders' business (and the admins', who run the system);
     * reviewers, project leads and viewers see published plans only.
     */
    public static boolean seesDrafts(Role role) {
        return role == Role.DECIDER || role == Role.ADMIN;
    }

    /** {@link #shownPlan(CycleId)} for someone with {@code role}: the latest published plan when drafts are not theirs. */
    public Optional<StoredPlan> shownPlan(CycleId cycle, Role role) {
        return seesDrafts(role) ? shownPlan(cycle) : store.plans().latestPublished(cycle);
    }

    /**
     * Whether {@code user} with {@code role} sees the review in progress of {@code project} (its draft line, and
     * other reviewers' scores and comments): deciders and admins always, a reviewer for the projects assigned to
     * them, nobody else.
     */
    public boolean seesReviewOf(CycleId cycle, Role role, String user, dev.allot.core.model.ProjectId project) {
        return seesDrafts(role)
                || role == Role.REVIEWER
                        && store.assignments()
                                .list(cycle)
                                .contains(new dev.allot.store.AssignmentRepository.Assignment(project, user));
    }

    /** The plan {@code user} should look at for {@code project}: the draft rule, for reviewers of assigned ones. */
    public Optional<StoredPlan> shownPlan(
            CycleId cycle, Role role, String user, dev.allot.core.model.ProjectId project) {
        return seesReviewOf(cycle, role, user, project)
                ? shownPlan(cycle)
                : store.plans().latestPublished(cycle);
    }

    /**
     * What the draft's last re-solve changed: the current draft against the draft it replaced, in the one plan diff
     * the store computes; empty without a draft or before its first re-solve.
     */
    public Optional<dev.allot.store.PlanDiff> draftChanges(CycleId cycle) {
        Optional<StoredPlan> draft = store.plans().draft(cycle);
        Optional<dev.allot.core.model.Plan> previous = store.plans().previousDraft(cycle);
        if (draft.isEmpty() || previous.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<dev.allot.core.model.GpuTypeId, Double> speeds = new java.util.HashMap<>();
        store.lab().gpuTypes().forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        return Optional.of(dev.allot.store.PlanDiff.between(draft.get().plan(), previous, speeds));
    }

    public List<Versioned<Cycle>> cycles() {
        return store.cycles().list();
    }

    public Versioned<Cycle> cycle(CycleId id) {
        return store.cycles().get(id);
    }

    public Optional<StoredPlan> draft(CycleId cycle) {
        return store.plans().draft(cycle);
    }

    public List<StoredPlan> published(CycleId cycle) {
        return store.plans().published(cycle);
    }

    /**
     * Up to {@code limit} of the lab's projects for a picker, nearest first to what someone has typed so far
     * ({@link Suggest#nearest}: ids starting with it, then containing it, then the closest spellings).
     */
    public List<Project> projectSuggestions(String typed, int limit) {
        Map<String, Project> projects = new LinkedHashMap<>();
        store.lab()
                .projects()
                .forEach(stored -> projects.put(stored.value().id().value(), stored.value()));
        return Suggest.nearest(typed == null ? "" : typed, projects.keySet(), limit).stream()
                .map(projects::get)
                .toList();
    }

    /**
     * The project a form's picker names in its field {@code field}: refused ({@code unknown-project}, at that field,
     * naming the value and the closest ids) when the lab has no such project.
     */
    public ProjectId pickedProject(String field, String typed) {
        List<String> ids = store.lab().projects().stream()
                .map(stored -> stored.value().id().value())
                .toList();
        List<Problem> problems = IdRules.knownProject(typed, ids);
        if (!problems.isEmpty()) {
            Problem placed = problems.get(0).at(field);
            throw new AllotException(
                    ErrorCode.UNKNOWN_PROJECT,
                    field + ": '" + placed.value() + "' " + placed.reason() + ". " + placed.hint(),
                    List.of(placed),
                    null);
        }
        return ProjectId.of(typed);
    }

    /** The latest published version of the cycle's plan, if any. */
    public Optional<StoredPlan> latestPublished(CycleId cycle) {
        return store.plans().latestPublished(cycle);
    }

    /** The published plan of the cycle before {@code cycle} (last cycle's decisions), if any. */
    public Optional<StoredPlan> previousPublished(CycleId cycle) {
        return store.plans().previousPublished(cycle);
    }

    /** Every ask of the cycle with its version, carried over or confirmed. */
    public List<Versioned<dev.allot.store.StoredAsk>> asks(CycleId cycle) {
        return store.reviews().asks(cycle);
    }

    /**
     * The audit log's high-water mark: it grows with every stored change, on any server over the same database, so a
     * page may keep what it computed from the store until it moves.
     */
    public long changeMark() {
        return store.audit().highWater();
    }

    /** The lab's categories, as stored. */
    public List<dev.allot.core.model.Category> categories() {
        return store.lab().categories();
    }

    /** The lab's GPU types, as stored. */
    public List<dev.allot.core.model.GpuType> gpuTypes() {
        return store.lab().gpuTypes();
    }

    /** The lab's pools (GPUs of one type in one cluster), as stored. */
    public List<dev.allot.core.model.Pool> pools() {
        return store.lab().pools();
    }

    /** The lab as stored for {@code cycle}: what the planner solves. */
    public Lab lab(CycleId cycle) {
        return store.lab().export(cycle);
    }
}
