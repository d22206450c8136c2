package dev.allot.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses a plan that does not belong to the lab it is enforced with, before anything reads or changes a cluster:
 * another cycle, projects the lab does not have (or with another category), a project twice, grants above the
 * pools, GPU types the lab lacks, ids the lab file would refuse, and (in a plan file) GPU counts that are not whole
 * numbers. Every problem is reported at once.
 */
public final class PlanCheck {
    /** The lab file's id rule: lower-case letters, digits and '-', at most 63 characters. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PlanCheck() {}

    /**
     * @param planText the plan file as written, to catch counts the reader would round, or {@code null}
     * @param source the plan's name in messages
     */
    public static void check(Lab lab, Plan plan, String planText, String source) {
        List<Problem> problems = new ArrayList<>();
        if (!plan.cycle().equals(lab.cycle())) {
            problems.add(new Problem(
                    "cycle",
                    plan.cycle().value(),
                    "is not the lab's cycle " + lab.cycle(),
                    "Maybe export the plan of cycle " + lab.cycle() + ", or pass that cycle's lab?"));
        }
        Map<ProjectId, Project> projects = lab.projectsById();
        Set<ProjectId> seen = new HashSet<>();
        for (int index = 0; index < plan.projects().size(); index++) {
            checkLine(plan.projects().get(index), "projects[" + index + "]", lab, projects, seen, problems);
        }
        Map<GpuTypeId, Integer> capacity = lab.capacityGpus();
        plan.grantedGpus().forEach((type, granted) -> {
            if (capacity.containsKey(type) && granted > capacity.get(type)) {
                problems.add(new Problem(
                        "grants of " + type,
                        granted + " GPUs",
                        "exceed the lab's " + capacity.get(type) + " " + type + " GPUs",
                        "Maybe plan again for this lab?"));
            }
        });
        if (planText != null) {
            checkWholeNumbers(planText, problems);
        }
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "PLAN_MISMATCH",
                    "Plan " + source + " does not fit lab " + lab.name() + " (cycle " + lab.cycle() + "): "
                            + problems.size() + " problem(s); nothing was changed.",
                    problems,
                    null);
        }
    }

    private static void checkLine(
            ProjectPlan line,
            String path,
            Lab lab,
            Map<ProjectId, Project> projects,
            Set<ProjectId> seen,
            List<Problem> problems) {
        String id = line.project().value();
        if (!ID.matcher(id).matches()) {
            problems.add(new Problem(
                    path + ".project",
                    id.length() > 70 ? id.substring(0, 60) + "... (" + id.length() + " characters)" : id,
                    "is not a valid project id: lower-case letters, digits and '-', at most 63 characters",
                    "Maybe the plan file was edited by hand?"));
        } else if (!projects.containsKey(line.project())) {
            problems.add(new Problem(
                    path + ".project", id, "is no project of the lab", "Maybe add it to the lab file first?"));
        } else if (!projects.get(line.project()).category().equals(line.category())) {
            problems.add(new Problem(
                    path + ".category",
                    line.category().value(),
                    "differs from the lab's category "
                            + projects.get(line.project()).category() + " of " + id,
                    "Maybe plan again for this lab?"));
        }
        if (!seen.add(line.project())) {
            problems.add(new Problem(path + ".project", id, "appears more than once", "Maybe drop the copy?"));
        }
        Set<GpuTypeId> types = new HashSet<>(line.grant().gpus().keySet());
        types.addAll(line.previous().gpus().keySet());
        types.stream()
                .filter(type -> !lab.gpuTypesById().containsKey(type))
                .sorted()
                .forEach(type -> problems.add(new Problem(
                        path + ".grant",
                        type.value(),
                        "is a GPU type the lab does not have",
                        "Maybe one of " + lab.gpuTypesById().keySet() + "?")));
    }

    private static void checkWholeNumbers(String planText, List<Problem> problems) {
        JsonNode root;
        try {
            root = (planText.stripLeading().startsWith("{") ? JSON : YAML).readTree(planText);
        } catch (JsonProcessingException e) {
            return; // the plan reader has already reported unreadable text
        }
        JsonNode lines = root == null ? null : root.path("projects");
        if (lines == null || !lines.isArray()) {
            return;
        }
        for (int index = 0; index < lines.size(); index++) {
            for (String field : List.of("previous", "grant")) {
                String path = "projects[" + index + "]." + field + ".";
                lines.get(index).path(field).properties().forEach(entry -> {
                    JsonNode count = entry.getValue();
                    if (!count.isIntegralNumber() || count.asLong() < 0) {
                        problems.add(new Problem(
                                path + entry.getKey(),
                                count.asText(),
                                "is not a whole number of GPUs",
                                "Maybe " + Math.max(0, (long) Math.floor(count.asDouble())) + "?"));
                    }
                });
            }
        }
    }
}
