package dev.allot.server;

import dev.allot.application.Budgets;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CycleId;
import dev.allot.core.rules.BudgetRules;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/cycles/{cycle}/budgets}: a cycle's GPU-hour budgets per project and GPU type, as one list. */
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
        return new BudgetRules.Entry(
                f.text("project", Fields.MAX_NAME, null),
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
                            fields.put("project", budget.project().value());
                            fields.put("gpuType", budget.gpuType().value());
                            fields.put("gpuHours", budget.gpuHours());
                            return fields;
                        })
                        .toList());
        return body;
    }
}
