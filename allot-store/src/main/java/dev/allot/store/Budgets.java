package dev.allot.store;

import dev.allot.core.model.Budget;
import dev.allot.core.model.BudgetOwner;
import dev.allot.core.model.GpuTypeId;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes the cycle's GPU-hour budgets: per project and type in table {@code budget}, per category and type
 * in table {@code category_budget}, ordered together by {@code position}.
 */
final class Budgets {
    private Budgets() {}

    /** The cycle's budgets in the order they were written. */
    static List<Budget> of(Handle handle, String cycle) {
        return handle.createQuery("SELECT project, NULL AS category, gpu_type, gpu_hours, position FROM budget"
                        + " WHERE cycle = :cycle UNION ALL SELECT NULL AS project, category, gpu_type, gpu_hours,"
                        + " position FROM category_budget WHERE cycle = :cycle ORDER BY position, gpu_type")
                .bind("cycle", cycle)
                .map((rs, ctx) -> new Budget(
                        BudgetOwner.of(rs.getString("project"), rs.getString("category")),
                        GpuTypeId.of(rs.getString("gpu_type")),
                        rs.getDouble("gpu_hours")))
                .list();
    }

    /**
     * Replaces the cycle's budgets with {@code budgets} (checked by the caller), auditing one {@code budgets} entry
     * with the list before and after; writes nothing when they are equal.
     *
     * @return the cycle's budgets after the change
     */
    static List<Budget> replace(Changes changes, String cycle, List<Budget> budgets) {
        Handle handle = changes.handle();
        List<Budget> before = of(handle, cycle);
        if (before.equals(budgets)) {
            return before;
        }
        Runnable write = () -> {
            handle.createUpdate("DELETE FROM budget WHERE cycle = :cycle")
                    .bind("cycle", cycle)
                    .execute();
            handle.createUpdate("DELETE FROM category_budget WHERE cycle = :cycle")
                    .bind("cycle", cycle)
                    .execute();
            for (int i = 0; i < budgets.size(); i++) {
                Budget budget = budgets.get(i);
                String table = budget.owner().kind().equals("category") ? "category_budget" : "budget";
                handle.createUpdate("INSERT INTO " + table + " (cycle, "
                                + budget.owner().kind()
                                + ", gpu_type, gpu_hours, position) VALUES (:cycle, :owner, :type, :hours, :position)")
                        .bind("cycle", cycle)
                        .bind("owner", budget.owner().value())
                        .bind("type", budget.gpuType().value())
                        .bind("hours", budget.gpuHours())
                        .bind("position", i)
                        .execute();
            }
        };
        changes.put("budgets", cycle, before.isEmpty() ? null : before, budgets, write, write);
        return of(handle, cycle);
    }
}
