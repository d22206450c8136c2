package dev.allot.core.model;

import java.util.Objects;

/** Typed id: project slug, e.g. vision-rl. */
public record ProjectId(String value) implements Comparable<ProjectId>, BudgetOwner {
    public ProjectId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ProjectId must not be blank");
        }
    }

    public static ProjectId of(String value) {
        return new ProjectId(value);
    }

    @Override
    public int compareTo(ProjectId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean covers(Project project) {
        return project.id().equals(this);
    }

    @Override
    public String kind() {
        return "project";
    }

    @Override
    public String toString() {
        return value;
    }
}
