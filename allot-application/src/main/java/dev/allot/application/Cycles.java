package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.rules.Fleet;
import dev.allot.core.rules.PolicyReferences;
import dev.allot.lab.LabFile;
import dev.allot.store.Actor;
import dev.allot.store.AskState;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.ImportSummary;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Use cases of a review cycle: create it, move it on, edit its policy; import a whole lab. */
public final class Cycles {
    private final Store store;
    private final Approvals approvals;

    Cycles(Store store, Approvals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    /** {@link #create(CycleId, LocalDate, UnaryOperator, LocalDate, Actor)} with exactly {@code policy}. */
    public Versioned<Cycle> create(CycleId id, LocalDate start, Policy policy, Actor actor) {
        return create(id, start, previous -> policy, null, actor);
    }

    /**
     * Creates a cycle in state open. Its policy is the previous cycle's policy, every field of it (the default
     * policy when there is none), edited by {@code policyEdit}; every active project's ask in the previous cycle is
     * copied into it as {@link AskState#CARRIED carried over} until its lead confirms or edits it. The previous cycle
     * is the latest one starting before {@code start}. One transaction: the cycle and all carried asks, or nothing.
     *
     * @param askDeadline the date by which leads should write or confirm their asks; {@code null} for none
     */
    public Versioned<Cycle> create(
            CycleId id, LocalDate start, UnaryOperator<Policy> policyEdit, LocalDate askDeadline, Actor actor) {
        Optional<Cycle> previous = previous(start);
        Policy policy = policyEdit.apply(previous.map(Cycle::policy).orElse(Policy.defaults()));
        List<StoredAsk> carried = previous.map(this::carriedAsks).orElse(List.of());
        return store.cycles().create(new Cycle(id, start, CycleState.OPEN, policy, askDeadline), carried, actor);
    }

    /** The latest cycle that starts before {@code start}. */
    public Optional<Cycle> previous(LocalDate start) {
        return store.cycles().list().stream()
                .map(Versioned::value)
                .filter(cycle -> cycle.start().isBefore(start))
                .findFirst();
    }

    private List<StoredAsk> carriedAsks(Cycle previous) {
        Set<ProjectId> active = store.lab().projects().stream()
                .map(Versioned::value)
                .filter(project -> project.status() == ProjectStatus.ACTIVE)
                .map(Project::id)
                .collect(Collectors.toSet());
        return store.reviews().asks(previous.id()).stream()
                .map(Versioned::value)
                .filter(ask -> active.contains(ask.ask().project()))
                .map(StoredAsk::carried)
                .toList();
    }

    /** Sets or clears ({@code null}) the cycle's ask deadline. */
    public Versioned<Cycle> setAskDeadline(CycleId id, LocalDate deadline, Integer expectedVersion, Actor actor) {
        return store.cycles().setAskDeadline(id, deadline, expectedVersion, actor);
    }

    public Versioned<Cycle> transition(CycleId id, CycleState target, Integer expectedVersion, Actor actor) {
        return store.cycles().transition(id, target, expectedVersion, actor);
    }

    /**
     * Edits the cycle's policy: {@code edit} gets the current policy and returns the edited one (an entry point
     * reads its input into {@link Policy#edit()}, so the fields it does not know keep their values). A refused edit
     * (an {@code AllotException} from {@code edit}) writes nothing; a change voids the draft's approvals.
     */
    public Versioned<Cycle> editPolicy(CycleId id, UnaryOperator<Policy> edit, Integer expectedVersion, Actor actor) {
        Policy before = store.cycles().get(id).value().policy();
        Policy edited = edit.apply(before);
        refuseNewUnknownReferences(before, edited);
        Versioned<Cycle> saved = store.cycles().setPolicy(id, edited, expectedVersion, actor);
        if (!edited.equals(before)) {
            approvals.draftChanged(id, "policy edited", actor);
        }
        return saved;
    }

    /**
     * An edit may not make the policy name a category, GPU type or project the lab lacks, nor reserve more GPUs of a
     * type than the lab has ({@link PolicyReferences}); problems the stored policy already had are not the edit's.
     * Every problem at once.
     */
    private void refuseNewUnknownReferences(Policy before, Policy edited) {
        List<String> categories = store.lab().categories().stream()
                .map(category -> category.id().value())
                .toList();
        Fleet fleet = Fleet.of(store.lab().gpuTypes(), store.lab().pools());
        Set<String> projects = store.lab().projects().stream()
                .map(project -> project.value().id().value())
                .collect(Collectors.toSet());
        Set<String> old = PolicyReferences.check(before, categories, fleet, projects).stream()
                .map(Problem::describe)
                .collect(Collectors.toSet());
        List<Problem> problems = PolicyReferences.check(edited, categories, fleet, projects).stream()
                .filter(problem -> !old.contains(problem.describe()))
                .toList();
        if (!problems.isEmpty()) {
            throw AllotException.validationFailed(problems);
        }
    }

    /**
     * Stores a lab (fleet, portfolio, policy, decisions, history) as its cycle, in one transaction. Only an admin may:
     * an import replaces the fleet, the projects and every ask, score, pin and override of the cycle, which no other
     * role may write wholesale.
     */
    public ImportSummary importLab(Lab lab, Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new AllotException(
                    ErrorCode.LAB_IMPORT_FORBIDDEN,
                    "Role " + actor.role().label() + " may not import a lab file: an import rewrites the fleet, the"
                            + " projects and every ask, score, pin and override of cycle " + lab.cycle()
                            + "; nothing was written. Maybe ask an admin?");
        }
        return store.lab().importLab(lab, actor);
    }

    /**
     * Imports a lab file with its {@code evidence:} section: the lab as {@link #importLab}, then each project's series
     * into the file's cycle, replacing stored series of the same metric and compute unit (so importing the same file
     * again changes nothing). The lab file checked every value, so storing the evidence cannot fail half-way on bad
     * input.
     */
    public ImportSummary importLabFile(LabFile file, Actor actor) {
        ImportSummary summary = importLab(file.lab(), actor);
        Evidences.fromLab(file.evidence())
                .forEach((project, series) -> store.evidence()
                        .replace(
                                file.lab().cycle(),
                                project,
                                series.stream().map(Evidences::stored).toList(),
                                actor));
        return summary;
    }
}
