package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.model.CategoryId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How idle quota moves between projects and categories through Kueue cohorts.
 *
 * <p>Every project's ClusterQueue sits in its category's cohort, and every category cohort in the root cohort. By
 * default a project lends all the quota it does not use and may borrow any idle quota; a category never lends away
 * the part of its quota that protects its share floor ({@code minShare} of the policy).
 *
 * @param projectLendingFraction fraction of a project's quota it may lend when idle; 1 = all (no
 *     {@code lendingLimit}), 0 = nothing
 * @param projectBorrowingFraction when present, a project may borrow at most this fraction of its own quota
 *     ({@code borrowingLimit}); absent = no limit
 * @param categoryBorrowingFractions per category, the most its cohort may borrow from other categories, as a fraction
 *     of the category's quota; a category not named may borrow without limit ({@code product: 0} stops product
 *     from borrowing exploratory's idle GPUs)
 * @param protectedFractions per category, the fraction of its quota that is never lent outside the category;
 *     overrides the floor derived from the policy's share bounds
 * @param protectCategoryFloors whether to derive protected quota from the policy's {@code minShare} bounds
 * @param reclaimWithinCohort Kueue preemption policy that lets a lender take its quota back ({@code Any},
 *     {@code LowerPriority} or {@code Never})
 */
public record Sharing(
        double projectLendingFraction,
        Optional<Double> projectBorrowingFraction,
        Map<CategoryId, Double> categoryBorrowingFractions,
        Map<CategoryId, Double> protectedFractions,
        boolean protectCategoryFloors,
        String reclaimWithinCohort) {
    public Sharing {
        fraction(projectLendingFraction, "sharing.projectLendingFraction");
        projectBorrowingFraction = projectBorrowingFraction == null ? Optional.empty() : projectBorrowingFraction;
        projectBorrowingFraction.ifPresent(value -> nonNegative(value, "sharing.projectBorrowingFraction"));
        categoryBorrowingFractions = copy(categoryBorrowingFractions, "sharing.categoryBorrowing", false);
        protectedFractions = copy(protectedFractions, "sharing.protected", true);
        if (!java.util.Set.of("Any", "LowerPriority", "Never").contains(reclaimWithinCohort)) {
            throw AllotException.invalid(
                    "kueue.config",
                    "sharing.reclaimWithinCohort '" + reclaimWithinCohort
                            + "' is not a Kueue preemption policy; expected Any, LowerPriority or Never. Maybe Any?");
        }
    }

    /** Projects lend all idle quota and borrow without limit; category floors are protected; lenders reclaim. */
    public static Sharing defaults() {
        return new Sharing(1.0, Optional.empty(), Map.of(), Map.of(), true, "Any");
    }

    private static Map<CategoryId, Double> copy(Map<CategoryId, Double> values, String field, boolean atMostOne) {
        Map<CategoryId, Double> sorted = new TreeMap<>(values == null ? Map.of() : values);
        sorted.forEach((category, value) -> {
            if (atMostOne) {
                fraction(value, field + "." + category);
            } else {
                nonNegative(value, field + "." + category);
            }
        });
        return java.util.Collections.unmodifiableMap(sorted);
    }

    private static void fraction(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw AllotException.invalid(
                    "kueue.config",
                    field + " " + value + " is not a fraction within [0, 1]. Maybe " + Math.max(0, Math.min(1, value))
                            + "?");
        }
    }

    private static void nonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw AllotException.invalid(
                    "kueue.config",
                    field + " " + value + " must be a finite number >= 0. Maybe 1 (borrow up to the own quota again)?");
        }
    }
}
