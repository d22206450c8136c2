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
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** Per project of a category with a spent budget, "product:H100" (types joined by commas). */
    static Map<ProjectId, String> categoriesByProject(Lab lab, Map<? extends BudgetOwner, Set<GpuTypeId>> spent) {
        Map<ProjectId, String> byProject = new LinkedHashMap<>();
        Map<String, Set<String>> categories = new TreeMap<>();
        spent.forEach((owner, types) -> {
            if (owner instanceof CategoryId && !types.isEmpty()) {
                types.forEach(type -> categories
                        .computeIfAbsent(owner.value(), key -> new TreeSet<>())
                        .add(type.value()));
            }
        });
        if (categories.isEmpty()) {
            return byProject;
        }
        for (Project project : lab.projects()) {
            Set<String> types = categories.get(project.category().value());
            if (types != null) {
                byProject.put(project.id(), project.category().value() + ":" + String.join(",", types));
            }
        }
        return byProject;
    }
}
