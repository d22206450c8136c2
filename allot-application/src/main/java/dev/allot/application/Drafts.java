package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use cases of the plan: solve and save a draft, publish it, and which plan people see. */
public final class Drafts {
    /**
     * The saved draft, the plan solved, how many projects' grants differ from the draft it replaced, and when the
     * policy values by evidence, how each project with evidence was valued (see {@link EvidenceValuation}).
     */
    public record Solved(StoredPlan draft, long changedProjects, List<String> valueNotes) {
        public Solved {
            valueNotes = List.copyOf(valueNotes);
        }

        public Solved(StoredPlan draft, long changedProjects) {
            this(draft, changedProjects, List.of());
        }

        public Plan plan() {
            return draft.plan();
        }
    }

    private final Store store;
    private final Planner planner;
    private final Approvals approvals;
    private final Evidences evidence;
    private final SolveJobs jobs;

    Drafts(Store store, Planner planner, Approvals approvals, Evidences evidence, SolveJobs.Registry jobs) {
        this.store = store;
        this.planner = planner;
        this.approvals = approvals;
        this.evidence = evidence;
        this.jobs = new SolveJobs(this, jobs);
    }

    /** The same solve as a background job to poll and cancel. */
    public SolveJobs jobs() {
        return jobs;
    }

    /**
     * The cycle as stored planned twice, valuing compute by priority weights and by evidence, with the projects whose
     * grant differs ({@link ValueModelComparison}, as {@code allot plan --compare-value-models} does for a lab file).
     * Saves nothing. Deciders and admins only: both plans are drafts.
     */
    public ValueModelComparison compareValueModels(CycleId cycle, Actor actor) {
        if (!Reads.seesDrafts(actor.role())) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + actor.role().label() + " may not compare draft plans. Maybe ask a decider?");
        }
        Planner solver = Objects.requireNonNull(planner, "this Application was opened without a planner");
        Lab lab = store.lab().export(cycle);
        return ValueModelComparison.of(lab, evidence.all(cycle, lab), solver.options());
    }

    /**
     * Solves the cycle as stored (policy, pins, overrides) and saves the result as its draft. Refused before any
     * solving when the cycle is not in draft or published, or when {@code expectedDraftVersion} (if given) is not the
     * current draft's, or while another solve of the cycle runs ({@code solve-running}, see {@link SolveJobs}); an
     * infeasible policy throws the planner's INFEASIBLE problem naming the conflicting rules.
     */
    public Solved solve(CycleId cycle, Actor actor, Integer expectedDraftVersion) {
        return jobs.run(cycle, actor, expectedDraftVersion);
    }

    /** The checks made before any solving: the cycle's state and the expected draft version; the current draft. */
    Optional<StoredPlan> checkSolvable(CycleId cycle, Integer expectedDraftVersion) {
        CycleState state = store.cycles().get(cycle).value().state();
        if (state != CycleState.DRAFT && state != CycleState.PUBLISHED) {
            throw new AllotException(
                    ErrorCode.CYCLE_STATE,
                    "Cannot solve a draft while cycle " + cycle + " is " + state.label()
                            + "; allowed in [draft, published]. Maybe move the cycle to draft first?");
        }
        Optional<StoredPlan> before = store.plans().draft(cycle);
        before.filter(draft -> expectedDraftVersion != null && draft.version() != expectedDraftVersion)
                .ifPresent(draft -> {
                    throw new AllotException(
                            ErrorCode.STALE_VERSION,
                            "The draft plan of cycle " + cycle + " changed since version " + expectedDraftVersion
                                    + " was read; nothing was solved. Maybe reload it and solve again?");
                });
        return before;
    }

    /** The solve itself, reporting its phases and progress to {@code run} and stopping when it is cancelled. */
    Solved solve(CycleId cycle, Actor actor, Integer expectedDraftVersion, SolveRun run) {
        Optional<StoredPlan> before = checkSolvable(cycle, expectedDraftVersion);
        Planner solver = Objects.requireNonNull(planner, "this Application was opened without a planner");
        Lab lab = store.lab().export(cycle);
        EvidenceValuation valuation = lab.policy().value().byEvidence()
                ? EvidenceValuation.of(lab, evidence.all(cycle, lab), solver.options())
                : new EvidenceValuation(solver.options(), List.of());
        run.solving();
        Plan plan = valuation.options() == solver.options()
                ? solver.plan(lab, run)
                : Planner.create(valuation.options()).plan(lab, run);
        run.saving();
        Solved saved = save(cycle, plan, before, expectedDraftVersion, actor);
        return new Solved(saved.draft(), saved.changedProjects(), valuation.notes());
    }

    /** Saves a plan solved elsewhere (the demo solves before it stores) as the cycle's draft. */
    public Solved saveSolved(CycleId cycle, Plan plan, Actor actor) {
        return save(cycle, plan, store.plans().draft(cycle), null, actor);
    }

    /**
     * Publishes the draft with no guard-rail acknowledgements: refused unless the draft has its approvals and raises
     * no warning. See {@link Approvals#publish}.
     */
    public StoredPlan publish(CycleId cycle, Integer expectedDraftVersion, String note, Actor actor) {
        return approvals.publish(cycle, expectedDraftVersion, java.util.Map.of(), note, actor);
    }

    private Solved save(CycleId cycle, Plan plan, Optional<StoredPlan> before, Integer expected, Actor actor) {
        StoredPlan saved = store.plans().saveDraft(cycle, plan, expected, actor);
        approvals.draftChanged(cycle, "re-solved", actor);
        long changed = plan.projects().stream()
                .filter(line -> before.flatMap(b -> b.plan().project(line.project()))
                        .map(old -> !old.grant().equals(line.grant()))
                        .orElse(true))
                .count();
        return new Solved(saved, changed);
    }
}
