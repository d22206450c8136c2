package dev.allot.server;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.rules.PolicyRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The policy's {@code value} in an API body: {@code "weights"}, {@code "evidence"}, or an object whose fields
 * ({@code basis, cycleHours, flopPerGpuHour, worthPerCategory, worthPerProject}) replace the current ones and whose
 * missing fields keep them.
 */
final class ValueInputs {
    private static final int MAX_WORTHS = 1_000;

    private ValueInputs() {}

    static ValuePolicy value(Fields policy, ValuePolicy base) {
        if (policy.isText("value")) {
            String basis = policy.choice("value", List.of("weights", "evidence"), null);
            return base.withBasis(ValueBasis.valueOf(basis.toUpperCase(Locale.ROOT)));
        }
        Fields f = policy.object("value", false);
        if (f == null) {
            return base;
        }
        ValueBasis basis = base.basis();
        if (f.has("basis")) {
            basis = ValueBasis.valueOf(
                    f.choice("basis", List.of("weights", "evidence"), null).toUpperCase(Locale.ROOT));
        }
        double cycleHours = setting(f, "cycleHours", base.cycleHours());
        double flop = setting(f, "flopPerGpuHour", base.flopPerGpuHour());
        Map<CategoryId, Double> categories = f.has("worthPerCategory")
                ? worths(f.object("worthPerCategory", false), CategoryId::of)
                : base.worthPerCategory();
        Map<ProjectId, Double> projects = f.has("worthPerProject")
                ? worths(f.object("worthPerProject", false), ProjectId::of)
                : base.worthPerProject();
        if (!f.ok()) {
            return base;
        }
        return new ValuePolicy(basis, cycleHours, flop, categories, projects);
    }

    private static double setting(Fields f, String field, double current) {
        if (!f.has(field)) {
            return current;
        }
        double value = f.number(field, 0, Double.MAX_VALUE, current);
        PolicyRules.positiveSetting(field, value).forEach(problem -> f.add(problem, field));
        return value;
    }

    private static <K> Map<K, Double> worths(Fields map, Function<String, K> id) {
        Map<K, Double> worths = new LinkedHashMap<>();
        if (map == null) {
            return worths;
        }
        List<String> names = map.names();
        if (names.size() > MAX_WORTHS) {
            map.problem("", names.size() + " entries", "names more than " + MAX_WORTHS + " owners", "");
            return worths;
        }
        for (String name : names) {
            double worth = map.number(name, 0, Double.MAX_VALUE, null);
            if (Fields.SLUG.matcher(name).matches()) {
                worths.put(id.apply(name), worth);
            } else {
                map.problem(name, name, "is not a category or project id", "Maybe exploratory?");
            }
        }
        return worths;
    }
}
