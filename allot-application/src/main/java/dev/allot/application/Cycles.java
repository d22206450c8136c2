package dev.allot.application;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.ImportSummary;
import dev.allot.store.Store;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.function.UnaryOperator;

/** Use cases of a review cycle: create it, move it on, edit its policy; import a whole lab. */
public final class Cycles {
    private final Store store;
    private final Approvals approvals;

    Cycles(Store store, Approvals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    public Versioned<Cycle> create(CycleId id, LocalDate start, Policy policy, Actor actor) {
        return store.cycles().create(id, start, policy, actor);
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
        Versioned<Cycle> saved = store.cycles().setPolicy(id, edited, expectedVersion, actor);
        if (!edited.equals(before)) {
            approvals.draftChanged(id, "policy edited", actor);
        }
        return saved;
    }

    /** Stores a lab (fleet, portfolio, policy, decisions, history) as its cycle, in one transaction. */
    public ImportSummary importLab(Lab lab, Actor actor) {
        return store.lab().importLab(lab, actor);
    }
}
