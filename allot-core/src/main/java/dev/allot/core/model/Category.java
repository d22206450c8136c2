package dev.allot.core.model;

/** A kind of work the policy reasons about, e.g. exploratory research or product training. */
public record Category(CategoryId id, String description) {
    public Category {
        Checks.present(id, "id");
        description = description == null ? "" : description;
    }
}
