package dev.allot.core.model;

/**
 * Whose GPU-hours a {@link Budget} counts: one project's ({@link ProjectId}), or the sum over every project of one
 * category ({@link CategoryId}). The one place that says which projects a budget spans.
 */
public sealed interface BudgetOwner permits ProjectId, CategoryId {
    /** The owner's slug, e.g. {@code vision-rl} or {@code product}. */
    String value();

    /** Whether {@code project}'s grants and usage count against a budget of this owner. */
    boolean covers(Project project);

    /** "project" or "category": the field a budget names its owner with in files, the API and the store. */
    String kind();

    /** The category when {@code category} is given, else the project: how files and rows that hold both read. */
    static BudgetOwner of(String project, String category) {
        return category != null ? CategoryId.of(category) : ProjectId.of(project);
    }
}
