package dev.allot.core.model;

import java.util.List;

/**
 * A research project that asks for compute.
 *
 * @param members user names (scheduler accounts) working on it; the lead is one of them
 */
public record Project(
        ProjectId id, String name, CategoryId category, String lead, List<String> members, ProjectStatus status) {
    public Project {
        Checks.present(id, "id");
        name = name == null || name.isBlank() ? id.value() : name;
        Checks.present(category, "category");
        lead = lead == null ? "" : lead;
        members = List.copyOf(members == null ? List.of() : members);
        Checks.present(status, "status");
    }
}
