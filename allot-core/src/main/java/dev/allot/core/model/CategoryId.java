package dev.allot.core.model;

import java.util.Objects;

/** Typed id: category slug, e.g. exploratory. */
public record CategoryId(String value) implements Comparable<CategoryId>, BudgetOwner {
    public CategoryId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CategoryId must not be blank");
        }
    }

    public static CategoryId of(String value) {
        return new CategoryId(value);
    }

    @Override
    public int compareTo(CategoryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean covers(Project project) {
        return project.category().equals(this);
    }

    @Override
    public String kind() {
        return "category";
    }

    @Override
    public String toString() {
        return value;
    }
}
