package dev.allot.server;

import dev.allot.application.Budgets;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CycleId;
import dev.allot.core.rules.BudgetRules;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/cycles/{cycle}/budgets}: a cycle's GPU-hour budgets per project or category and GPU type, as one list;
 * each names either {@code project} or {@code category}.
 */
final class BudgetHandlers {
    private final Budgets budgets;

    BudgetHandlers(Budgets budgets) {
        this.budgets = budgets;
    }

    void list(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ctx.json(json(cycle, budgets.list(cycle)));
    }

    /** Replaces the whole list: a budget the body leaves out is removed. */
    void replace(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        Fields body = Fields.parse(ctx.body());
        if (!body.has("budgets")) {
            body.problem("budgets", "", "is required", "Maybe \"budgets\": [] to remove every budget?");
        }
        List<BudgetRules.Entry> entries = body.list("budgets", Fields.MAX_LIST, BudgetHandlers::entry);
        body.done();
        ctx.json(json(cycle, budgets.replace(cycle, entries, Requests.actor(ctx))));
    }

    private static BudgetRules.Entry entry(Fields f) {
        // a budget names a project or a category; which one (and that it is exactly one) is the core rules' to say
        return new BudgetRules.Entry(
                f.has("project") ? f.text("project", Fields.MAX_NAME, null) : null,
                f.has("category") ? f.text("category", Fields.MAX_NAME, null) : null,
                f.text("gpuType", Fields.MAX_NAME, null),
                f.number("gpuHours", -Double.MAX_VALUE, Double.MAX_VALUE, null));
    }

    static Map<String, Object> json(CycleId cycle, List<Budget> budgets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle.value());
        body.put(
                "budgets",
                budgets.stream()
                        .map(budget -> {
                            Map<String, Object> fields = new LinkedHashMap<>();
                            fields.put(budget.owner().kind(), budget.owner().value());
                            fields.put("gpuType", budget.gpuType().value());
                            fields.put("gpuHours", budget.gpuHours());
                            return fields;
                        })
                        .toList());
        return body;
    }
}
