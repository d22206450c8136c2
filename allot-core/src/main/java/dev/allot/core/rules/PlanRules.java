package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
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
import java.util.TreeSet;

/**
 * Whether a plan belongs to the lab it is to be enforced on: the lab's cycle, only valid ids of projects the lab has
 * (in their own category), each project once, only GPU types the lab has, and no type granted beyond the lab's pools.
 * Both enforcers (Slurm and Kueue) refuse a plan with any of these problems before touching a cluster, since
 * enforcing it would create accounts or queues for strangers or drop grants silently.
 */
public final class PlanRules {
    private PlanRules() {}

    /** Every mismatch between {@code plan} and {@code lab}, each at its plan-document path; empty when they fit. */
    public static List<Problem> fit(Lab lab, Plan plan) {
        List<Problem> problems = new ArrayList<>();
        if (!plan.cycle().equals(lab.cycle())) {
            problems.add(problem(
                    "/cycle",
                    plan.cycle().value(),
                    "is not the lab's cycle " + lab.cycle(),
                    "Maybe use the plan of cycle " + lab.cycle() + ", or that cycle's lab?"));
        }
        Map<ProjectId, Project> projects = lab.projectsById();
        Set<ProjectId> seen = new HashSet<>();
        for (int index = 0; index < plan.projects().size(); index++) {
            line(lab, projects, plan.projects().get(index), "/projects/" + index, seen, problems);
        }
        Map<GpuTypeId, Integer> capacity = lab.capacityGpus();
        plan.grantedGpus().forEach((type, granted) -> {
            if (capacity.containsKey(type) && granted > capacity.get(type)) {
                problems.add(problem(
                        "/grantedGpus/" + type,
                        String.valueOf(granted),
                        "exceeds the lab's " + capacity.get(type) + " " + type + " GPUs",
                        "Maybe the plan was made for a larger lab; plan again for this one?"));
            }
        });
        return problems;
    }

    private static void line(
            Lab lab,
            Map<ProjectId, Project> projects,
            ProjectPlan line,
            String path,
            Set<ProjectId> seen,
            List<Problem> problems) {
        String id = line.project().value();
        List<Problem> syntax = IdRules.projectId(id);
        if (!syntax.isEmpty()) {
            syntax.forEach(
                    p -> problems.add(new Problem(p.code(), path + "/project", p.value(), p.reason(), p.hint())));
        } else if (!projects.containsKey(line.project())) {
            problems.add(problem(
                    path + "/project",
                    id,
                    "is no project of lab " + lab.name(),
                    "Maybe add it to the lab file first?"));
        } else if (!projects.get(line.project()).category().equals(line.category())) {
            problems.add(problem(
                    path + "/category",
                    line.category().value(),
                    "differs from the lab's category "
                            + projects.get(line.project()).category() + " of " + id,
                    "Maybe plan again for this lab?"));
        }
        if (!seen.add(line.project())) {
            problems.add(
                    problem(path + "/project", id, "appears more than once in the plan", "Maybe merge its lines?"));
        }
        Set<GpuTypeId> types = new TreeSet<>(line.grant().gpus().keySet());
        types.addAll(line.previous().gpus().keySet());
        types.stream()
                .filter(type -> !lab.gpuTypesById().containsKey(type))
                .forEach(type -> problems.add(problem(
                        path + "/grant/" + type,
                        type.value(),
                        "is a GPU type lab " + lab.name() + " does not have",
                        "Maybe one of " + lab.gpuTypesById().keySet() + "?")));
    }

    private static Problem problem(String path, String value, String reason, String hint) {
        return new Problem(ErrorCode.PLAN_MISMATCH.code(), path, value, reason, hint);
    }
}
