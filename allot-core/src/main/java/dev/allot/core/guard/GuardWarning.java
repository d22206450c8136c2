package dev.allot.core.guard;

import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Objects;

/**
 * One warning a decider must acknowledge, with a reason, before a draft is published.
 *
 * @param message what is unusual, with the figures ("kills 260 of 300 active projects (87 %, limit 10 %)")
 * @param projects the projects concerned, when the warning is about projects
 */
public record GuardWarning(GuardRule rule, String message, List<ProjectId> projects) {
    public GuardWarning {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        projects = List.copyOf(projects);
    }
}
