package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether a plan belongs to the lab it is to be enforced on: the same cycle, only projects and GPU types the lab knows,
 * each project once, and no GPU type granted beyond the lab's pools. Enforcing a plan that fails any of these would
 * create queues for strangers or drop grants silently, so every mismatch is reported, all at once.
 */
public final class PlanAgreement {
    private PlanAgreement() {}

    /** Every mismatch between plan and lab; empty when they agree. */
    public static List<Problem> problems(Lab lab, Plan plan) {
        List<Problem> problems = new ArrayList<>();
        if (!plan.cycle().equals(lab.cycle())) {
            problems.add(new Problem(
                    "cycle",
                    plan.cycle().value(),
                    "is not the lab's cycle " + lab.cycle().value(),
                    "Maybe export the plan of cycle " + lab.cycle().value() + "?"));
        }
        Set<ProjectId> known = new HashSet<>();
        lab.projects().forEach(project -> known.add(project.id()));
        Set<GpuTypeId> types = lab.capacityGpus().keySet();
        Set<ProjectId> seen = new HashSet<>();
        Map<GpuTypeId, Integer> granted = new TreeMap<>();
        for (int i = 0; i < plan.projects().size(); i++) {
            ProjectPlan line = plan.projects().get(i);
            String path = "projects[" + i + "]";
            if (!known.contains(line.project())) {
                problems.add(new Problem(
                        path + ".project",
                        line.project().value(),
                        "is not a project of lab " + lab.name(),
                        "Maybe add it to the lab file, or check the plan's lab?"));
            }
            if (!seen.add(line.project())) {
                problems.add(new Problem(
                        path + ".project",
                        line.project().value(),
                        "appears more than once in the plan",
                        "Maybe merge its lines?"));
            }
            line.grant().gpus().forEach((type, gpus) -> {
                if (!types.contains(type)) {
                    problems.add(new Problem(
                            path + ".grant." + type.value(),
                            String.valueOf(gpus),
                            "grants a GPU type lab " + lab.name() + " does not have",
                            "Maybe one of " + types + "?"));
                }
                granted.merge(type, gpus, Integer::sum);
            });
        }
        granted.forEach((type, gpus) -> {
            int capacity = lab.capacityGpus().getOrDefault(type, 0);
            if (types.contains(type) && gpus > capacity) {
                problems.add(new Problem(
                        "grant." + type.value(),
                        String.valueOf(gpus),
                        "exceeds the lab's " + capacity + " " + type.value() + " GPUs",
                        "Maybe the plan was made for a larger lab?"));
            }
        });
        return problems;
    }

    /** Throws one error listing {@code earlier} problems (e.g. from reading the plan file) and every mismatch. */
    public static void check(Lab lab, Plan plan, List<Problem> earlier) {
        List<Problem> problems = new ArrayList<>(earlier);
        problems.addAll(problems(lab, plan));
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "kueue.plan-mismatch",
                    "The plan does not fit lab " + lab.name() + " (cycle "
                            + lab.cycle().value() + "): "
                            + problems.size() + " problem(s); nothing was written. Maybe export the plan again from"
                            + " this lab's cycle?",
                    problems,
                    null);
        }
    }
}
