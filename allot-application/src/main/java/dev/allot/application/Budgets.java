package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Budget;
import dev.allot.core.model.BudgetOwner;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.rules.BudgetRules;
import dev.allot.core.rules.Fleet;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import dev.allot.store.Versioned;
import java.util.List;

/** A cycle's GPU-hour budgets per project or category and GPU type: list them, replace them. */
public final class Budgets {
    private final Store store;
    private final Approvals approvals;

    Budgets(Store store, Approvals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    /** The cycle's budgets; an unknown cycle is NOT_FOUND. */
    public List<Budget> list(CycleId cycle) {
        return store.cycles().budgets(cycle);
    }

    /**
     * Replaces the cycle's budgets after the rules of {@link BudgetRules}: every problem at once, each at
     * {@code budgets[i].project|category|gpuType|gpuHours}; nothing is stored unless all hold. A change voids the draft's
     * approvals (the next solve plans with the new budgets).
     *
     * @return the cycle's budgets after the change
     */
    public List<Budget> replace(CycleId cycle, List<BudgetRules.Entry> budgets, Actor actor) {
        List<String> projects = store.lab().projects().stream()
                .map(Versioned::value)
                .map(project -> project.id().value())
                .toList();
        List<String> categories = store.lab().categories().stream()
                .map(category -> category.id().value())
                .toList();
        Fleet fleet = Fleet.of(store.lab().gpuTypes(), store.lab().pools());
        List<Problem> problems = BudgetRules.check(budgets, projects, categories, fleet, "");
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
            throw new AllotException(
                    ErrorCode.VALIDATION_FAILED,
                    "Budgets of cycle " + cycle + ": " + problems.get(0).describe() + more,
                    problems,
                    null);
        }
        List<Budget> before = store.cycles().budgets(cycle);
        List<Budget> after = budgets.stream()
                .map(entry -> new Budget(
                        BudgetOwner.of(entry.project(), entry.category()),
                        GpuTypeId.of(entry.gpuType()),
                        entry.gpuHours()))
                .toList();
        List<Budget> saved = store.cycles().setBudgets(cycle, after, actor);
        if (!saved.equals(before)) {
            approvals.draftChanged(cycle, "budgets edited", actor);
        }
        return saved;
    }
}
