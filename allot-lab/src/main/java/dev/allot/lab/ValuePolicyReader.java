package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.rules.PolicyRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the policy's {@code value}: either just {@code weights} or {@code evidence}, or a mapping {@code {basis,
 * cycleHours, flopPerGpuHour, worthPerCategory, worthPerProject}}. Projects named under {@code worthPerProject} are
 * checked once the projects are read ({@link #checkProjects}).
 */
final class ValuePolicyReader {
    static final List<String> KEYS =
            List.of("basis", "cycleHours", "flopPerGpuHour", "worthPerCategory", "worthPerProject");

    private final Problems problems;
    private final References references;
    private final Map<String, String> worthProjects = new LinkedHashMap<>();

    ValuePolicyReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    /** The value policy, or null after recording problems. */
    ValuePolicy read(JsonNode node, String path) {
        if (node.isTextual()) {
            ValueBasis basis = basis(node.asText(), path);
            return basis == null ? null : ValuePolicy.weights().withBasis(basis);
        }
        YamlObject value = YamlObject.of(node, path, problems, KEYS);
        if (value == null) {
            return null;
        }
        int before = problems.size();
        ValueBasis basis = value.choice("basis", ValueBasis.class, ValueBasis.WEIGHTS, PolicyReader::label);
        double cycleHours = setting(value, "cycleHours", ValuePolicy.DEFAULT_CYCLE_HOURS);
        double flop = setting(value, "flopPerGpuHour", ValuePolicy.DEFAULT_FLOP_PER_GPU_HOUR);
        Map<CategoryId, Double> categories = new LinkedHashMap<>();
        worths(value, "worthPerCategory").forEach((category, worth) -> {
            if (references.category(category, value.path("worthPerCategory") + "." + category)) {
                categories.put(CategoryId.of(category), worth);
            }
        });
        Map<ProjectId, Double> projects = new LinkedHashMap<>();
        worths(value, "worthPerProject").forEach((project, worth) -> {
            worthProjects.put(project, value.path("worthPerProject") + "." + project);
            projects.put(ProjectId.of(project), worth);
        });
        if (basis == null || problems.size() != before) {
            return null;
        }
        return new ValuePolicy(basis, cycleHours, flop, categories, projects);
    }

    /** A worth for a project the lab does not have is a mistake (a misspelt id), not a silent no-op. */
    void checkProjects() {
        worthProjects.forEach(references::project);
    }

    private ValueBasis basis(String text, String path) {
        for (ValueBasis basis : ValueBasis.values()) {
            if (PolicyReader.label(basis).equals(text)) {
                return basis;
            }
        }
        problems.add(path, text, "is not one of weights, evidence", "Maybe evidence?");
        return null;
    }

    private double setting(YamlObject value, String key, double fallback) {
        if (!value.has(key)) {
            return fallback;
        }
        Double number = value.read(key, false, Scalars::number);
        if (number == null) {
            return fallback;
        }
        PolicyRules.positiveSetting(key, number).forEach(problem -> problems.add(problem, value.path()));
        return number;
    }

    private Map<String, Double> worths(YamlObject value, String key) {
        Map<String, Double> worths = new LinkedHashMap<>();
        value.map(key, Scalars::number).forEach((owner, worth) -> {
            List<dev.allot.core.Problem> wrong = PolicyRules.worth(owner, worth);
            wrong.forEach(problem -> problems.add(problem, value.path(key)));
            if (wrong.isEmpty()) {
                worths.put(owner, worth);
            }
        });
        return worths;
    }
}
