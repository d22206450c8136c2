package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.rules.PolicyRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The policy details of the web form: category relations (one per line, as in the lab file), the per-GPU-type
 * reserves and the evidence value settings (cycle hours, FLOP per GPU-hour, worth per category and per project). The
 * syntax and ranges are core's rules ({@link PolicyRules}); whether the names exist is checked by the policy edit use
 * case for every entry point. A field left out keeps its value; an empty field clears it; every problem at once, each
 * at its form field.
 */
final class PolicyDetails {
    static final String RELATIONS = "relations";
    static final String RESERVE = "reserveGpus.";
    static final String CYCLE_HOURS = "value.cycleHours";
    static final String FLOP = "value.flopPerGpuHour";
    static final String WORTH_CATEGORY = "value.worthPerCategory.";
    static final String WORTH_PROJECTS = "value.worthPerProject";
    private static final int MAX_LINES = 5_000;

    private final Function<String, String> form;
    private final List<Problem> problems = new ArrayList<>();

    private PolicyDetails(Function<String, String> form) {
        this.form = form;
    }

    /** {@code edited} with the form's details applied; throws every problem of them at once. */
    static Policy.Builder apply(
            Function<String, String> form,
            List<String> categories,
            List<String> gpuTypes,
            Policy current,
            Policy.Builder edited) {
        PolicyDetails details = new PolicyDetails(form);
        List<ShareRelation> relations = details.relations();
        if (relations != null) {
            edited.relations(relations);
        }
        edited.reserveGpus(details.reserveGpus(gpuTypes, current.reserveGpus()));
        ValuePolicy value = details.value(categories, current.value());
        if (!details.problems.isEmpty()) {
            throw AllotException.validationFailed(details.problems);
        }
        return edited.value(value);
    }

    /** The relations as the form shows them, one per line. */
    static String relationsText(Policy policy) {
        return String.join(
                "\n", policy.relations().stream().map(ShareRelation::toString).toList());
    }

    /** The worths per project as the form shows them, {@code project: worth} one per line. */
    static String worthPerProjectText(ValuePolicy value) {
        return String.join(
                "\n",
                value.worthPerProject().entrySet().stream()
                        .map(entry -> entry.getKey().value() + ": " + number(entry.getValue()))
                        .toList());
    }

    /** A number as the form shows it: {@code 720}, {@code 1.44E18}, {@code 2.5}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    private List<ShareRelation> relations() {
        String text = form.apply(RELATIONS);
        if (text == null) {
            return null;
        }
        List<ShareRelation> relations = new ArrayList<>();
        for (String line : lines(text, RELATIONS)) {
            List<Problem> syntax = PolicyRules.relation(line);
            syntax.forEach(problem -> problems.add(problem.at(RELATIONS)));
            ShareRelation.parse(line).ifPresent(relations::add);
        }
        return relations;
    }

    private Map<GpuTypeId, Integer> reserveGpus(List<String> gpuTypes, Map<GpuTypeId, Integer> current) {
        Map<GpuTypeId, Integer> reserve = new TreeMap<>(current);
        for (String type : gpuTypes) {
            String field = RESERVE + type;
            String text = Forms.text(form.apply(field), field, 12);
            if (form.apply(field) == null) {
                continue;
            }
            if (text.isEmpty()) {
                reserve.remove(GpuTypeId.of(type));
                continue;
            }
            try {
                int gpus = Integer.parseInt(text);
                if (gpus >= 0) {
                    reserve.put(GpuTypeId.of(type), gpus);
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(new Problem(
                    field, text, "is not a whole number of GPUs of 0 or more", "Maybe 8, or leave it empty?"));
        }
        return reserve;
    }

    private ValuePolicy value(List<String> categories, ValuePolicy current) {
        double cycleHours = setting(CYCLE_HOURS, "cycleHours", current.cycleHours());
        double flop = setting(FLOP, "flopPerGpuHour", current.flopPerGpuHour());
        Map<CategoryId, Double> perCategory = new LinkedHashMap<>(current.worthPerCategory());
        for (String category : categories) {
            String field = WORTH_CATEGORY + category;
            if (form.apply(field) == null) {
                continue;
            }
            Double worth = worth(field, Forms.text(form.apply(field), field, 24));
            perCategory.remove(CategoryId.of(category));
            if (worth != null) {
                perCategory.put(CategoryId.of(category), worth);
            }
        }
        Map<ProjectId, Double> perProject = worthPerProject(current.worthPerProject());
        if (!problems.isEmpty()) {
            return current;
        }
        return new ValuePolicy(current.basis(), cycleHours, flop, perCategory, perProject);
    }

    private Map<ProjectId, Double> worthPerProject(Map<ProjectId, Double> current) {
        String text = form.apply(WORTH_PROJECTS);
        if (text == null) {
            return current;
        }
        Map<ProjectId, Double> worths = new LinkedHashMap<>();
        for (String line : lines(text, WORTH_PROJECTS)) {
            int colon = line.indexOf(':');
            String project = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon < 0 || Slugs.orEmpty(project).isEmpty()) {
                problems.add(
                        new Problem(WORTH_PROJECTS, line, "is not a line 'project: worth'", "Maybe 'vision-rl: 500'?"));
                continue;
            }
            Double worth = worth(WORTH_PROJECTS, line.substring(colon + 1).strip());
            if (worth != null) {
                worths.put(ProjectId.of(project), worth);
            }
        }
        return worths;
    }

    /** A worth (>= 0) from the field's text; null for empty text or a problem. */
    private Double worth(String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        Double worth = parse(field, text);
        if (worth != null) {
            List<Problem> wrong = PolicyRules.worth(field, worth);
            wrong.forEach(problem -> problems.add(problem.at(field)));
            return wrong.isEmpty() ? worth : null;
        }
        return null;
    }

    private double setting(String field, String rule, double current) {
        String text = Forms.text(form.apply(field), field, 24);
        if (text.isEmpty()) {
            return current;
        }
        Double value = parse(field, text);
        if (value == null) {
            return current;
        }
        List<Problem> wrong = PolicyRules.positiveSetting(rule, value);
        wrong.forEach(problem -> problems.add(problem.at(field)));
        return wrong.isEmpty() ? value : current;
    }

    private Double parse(String field, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, text, "is not a number", "Maybe 500?"));
            return null;
        }
    }

    private List<String> lines(String text, String field) {
        List<String> lines =
                text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.size() > MAX_LINES) {
            problems.add(new Problem(field, lines.size() + " lines", "has more than " + MAX_LINES + " lines", ""));
            return List.of();
        }
        return lines;
    }
}
