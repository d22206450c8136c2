package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Category;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import dev.allot.core.rules.IdRules;
import dev.allot.core.rules.Suggest;
import dev.allot.store.AuditLog;
import dev.allot.store.Cycle;
import dev.allot.store.PlanDiff;
import dev.allot.store.ProjectHistory;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.StoredPlan;
import dev.allot.store.UsageDay;
import dev.allot.store.Versioned;
import java.time.LocalDate;
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
        return Optional.of(PlanDiff.between(draft.get().plan(), previous, speeds()));
    }

    /** Each GPU type's relative speed, which a plan diff needs to compare effective compute across types. */
    private Map<dev.allot.core.model.GpuTypeId, Double> speeds() {
        Map<dev.allot.core.model.GpuTypeId, Double> speeds = new LinkedHashMap<>();
        store.lab().gpuTypes().forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        return speeds;
    }

    /** Every cycle, newest (latest start) first. */
    public List<Versioned<Cycle>> cycles() {
        return store.cycles().list();
    }

    /** The newest cycle (latest start); empty while the store holds none. */
    public Optional<Versioned<Cycle>> newestCycle() {
        return cycles().stream().findFirst();
    }

    public Versioned<Cycle> cycle(CycleId id) {
        return store.cycles().get(id);
    }

    public Optional<StoredPlan> draft(CycleId cycle) {
        return store.plans().draft(cycle);
    }

    /** The published versions of {@code cycle}, oldest first. */
    public List<StoredPlan> published(CycleId cycle) {
        return store.plans().published(cycle);
    }

    /** One published version of {@code cycle}; empty when there is no such version. */
    public Optional<StoredPlan> published(CycleId cycle, int version) {
        return store.plans().published(cycle, version);
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

    /** The published plan of the cycle before {@code cycle} (last cycle's decisions), if any. */
    public Optional<StoredPlan> previousPublished(CycleId cycle) {
        return store.plans().previousPublished(cycle);
    }

    /** The newest published version of {@code cycle}: the plan in force, as enforcers and leads see it. */
    public Optional<StoredPlan> latestPublished(CycleId cycle) {
        return store.plans().latestPublished(cycle);
    }

    /**
     * What the plan people look at ({@link #shownPlan(CycleId)}, the one rule for every screen) changes against the
     * previous cycle's published plan; the CLI's {@code cycle diff} and the API's diff both answer with it.
     */
    public PlanDiff diff(CycleId cycle) {
        store.cycles().get(cycle);
        StoredPlan current = shownPlan(cycle)
                .orElseThrow(() -> new AllotException(
                        ErrorCode.NO_PLAN,
                        "Cycle " + cycle + " has no draft or published plan yet. Maybe solve a draft first?"));
        return PlanDiff.between(
                current.plan(), store.plans().previousPublished(cycle).map(StoredPlan::plan), speeds());
    }

    /** The asks of an existing cycle (an unknown cycle is not found), with their versions. */
    public List<Versioned<StoredAsk>> asks(CycleId cycle) {
        store.cycles().get(cycle);
        return store.reviews().asks(cycle);
    }

    /** The ask of {@code project} in an existing cycle (an unknown cycle is not found), with its version. */
    public Optional<Versioned<StoredAsk>> ask(CycleId cycle, ProjectId project) {
        store.cycles().get(cycle);
        return store.reviews().ask(cycle, project);
    }

    /** Every reviewer's scores in an existing cycle (an unknown cycle is not found). */
    public List<Score> scores(CycleId cycle) {
        store.cycles().get(cycle);
        return store.reviews().scores(cycle);
    }

    /** The deciders' pins in an existing cycle (an unknown cycle is not found). */
    public List<Pin> pins(CycleId cycle) {
        store.cycles().get(cycle);
        return store.reviews().pins(cycle);
    }

    /** The deciders' overrides in an existing cycle (an unknown cycle is not found). */
    public List<DeciderOverride> overrides(CycleId cycle) {
        store.cycles().get(cycle);
        return store.reviews().overrides(cycle);
    }

    /** A mark that grows with every write to the store (the audit log's newest entry): a cache key for views. */
    public long changeMark() {
        return store.audit().highWater();
    }

    /** The lab's GPU types, in the order they are declared. */
    public List<GpuType> gpuTypes() {
        return store.lab().gpuTypes();
    }

    /** The lab's pools, in the order they are declared. */
    public List<Pool> pools() {
        return store.lab().pools();
    }

    /** The lab's project categories, in the order they are declared. */
    public List<Category> categories() {
        return store.lab().categories();
    }

    /** The lab's projects, with their versions. */
    public List<Versioned<Project>> projects() {
        return store.lab().projects();
    }

    /** One project with its version; empty when the lab has no such project. */
    public Optional<Versioned<Project>> project(ProjectId id) {
        return store.lab().project(id);
    }

    /** A project's asks, grants and use over the stored cycles. */
    public ProjectHistory history(ProjectId id) {
        return store.lab().history(id);
    }

    /** A project's recorded GPU-hours per GPU type and day, from {@code from} up to {@code to}. */
    public List<UsageDay> usage(ProjectId project, LocalDate from, LocalDate to) {
        return store.usage().usage(project, from, to);
    }

    /** The newest audit entries, at most {@code limit}, of one entity kind and id when they are given (null: all). */
    public List<AuditLog.Entry> audit(String entity, String entityId, int limit) {
        return store.audit().list(entity, entityId, limit);
    }

    /** The lab as stored for {@code cycle}: what the planner solves. */
    public Lab lab(CycleId cycle) {
        return store.lab().export(cycle);
    }
}
