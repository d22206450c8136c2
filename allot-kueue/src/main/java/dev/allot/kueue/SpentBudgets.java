package dev.allot.kueue;

import dev.allot.core.model.BudgetOwner;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Spent GPU-hour budgets of projects and categories, as the ClusterQueues of the lab's projects feel them. */
final class SpentBudgets {
    private SpentBudgets() {}

    /** Per project, the GPU types whose budget it or its category has spent. */
    static Map<ProjectId, Set<GpuTypeId>> byProject(Lab lab, Map<? extends BudgetOwner, Set<GpuTypeId>> spent) {
        Map<ProjectId, Set<GpuTypeId>> byProject = new LinkedHashMap<>();
        if (spent.isEmpty()) {
            return byProject;
        }
        for (Project project : lab.projects()) {
            spent.forEach((owner, types) -> {
                if (owner.covers(project) && !types.isEmpty()) {
                    byProject
                            .computeIfAbsent(project.id(), key -> new TreeSet<>(Comparator.comparing(GpuTypeId::value)))
                            .addAll(types);
                }
            });
        }
        return byProject;
    }

    /** Per project of a category with a spent budget, "product:H100" (types joined by commas, in name order). */
    static Map<ProjectId, String> categoriesByProject(Lab lab, Map<? extends BudgetOwner, Set<GpuTypeId>> spent) {
        Map<ProjectId, String> byProject = new LinkedHashMap<>();
        if (spent.isEmpty()) {
            return byProject;
        }
        for (Project project : lab.projects()) {
            spent.forEach((owner, types) -> {
                if (owner instanceof CategoryId && owner.covers(project) && !types.isEmpty()) {
                    byProject.put(
                            project.id(),
                            owner.value() + ":"
                                    + types.stream()
                                            .map(GpuTypeId::value)
                                            .sorted()
                                            .collect(Collectors.joining(",")));
                }
            });
        }
        return byProject;
    }
}
