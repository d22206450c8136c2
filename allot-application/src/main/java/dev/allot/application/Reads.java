package dev.allot.application;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.store.Cycle;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.util.List;
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

    /** The lab as stored for {@code cycle}: what the planner solves. */
    public Lab lab(CycleId cycle) {
        return store.lab().export(cycle);
    }
}
