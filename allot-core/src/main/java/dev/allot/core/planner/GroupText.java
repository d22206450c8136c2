package dev.allot.core.planner;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;
import java.util.Locale;

/**
 * Puts a model rule group (e.g. {@code capacity:H100}, {@code pin:vision-rl}) into words: the one place where each
 * {@link RuleFamily} gets its display text.
 */
final class GroupText {
    private GroupText() {}

    static String describe(RuleGroup group, AllocationModel allocation, Lab lab) {
        String subject = group.subject();
        return switch (group.family()) {
            case CAPACITY -> {
                GpuTypeId type = GpuTypeId.of(subject);
                yield "the capacity of " + type + " (" + allocation.fleet.allocatableGpus(type)
                        + " GPUs after the reserve of "
                        + (allocation.fleet.capacityGpus(type) - allocation.fleet.allocatableGpus(type)) + ")";
            }
            case FLOOR ->
                "the floor of " + subject + " (" + project(allocation, subject).floorGpus() + " GPUs or nothing"
                        + nodes(allocation, subject) + ")";
            case CEILING ->
                "the ceiling of " + subject + " ("
                        + project(allocation, subject).ceilingGpus() + " GPUs" + nodes(allocation, subject) + ")";
            case CONTINUITY -> continuity(allocation, lab, subject);
            case PIN ->
                "the pin of " + subject + " ("
                        + lab.pinsByProject().get(ProjectId.of(subject)).gpus() + ")";
            case OVERRIDE ->
                "the deciders' "
                        + lab.overridesByProject()
                                .get(ProjectId.of(subject))
                                .action()
                                .name()
                                .toLowerCase(Locale.ROOT)
                        + " of " + subject;
            case NOT_PLANNABLE ->
                "that " + subject + " gets nothing ("
                        + project(allocation, subject).inactiveReason() + ")";
            case SHARE_MIN ->
                "the minimum share of " + subject + " ("
                        + percent(bound(lab, subject).minShare()) + ")";
            case SHARE_MAX ->
                "the maximum share of " + subject + " ("
                        + percent(bound(lab, subject).maxShare()) + ")";
            case RELATION -> "the relation '" + subject + "'";
            case VALUE -> "the value curve of " + subject;
            case STABILITY -> "the change of " + subject + " versus its previous grant";
            case USAGE ->
                "the usage cap of " + subject + " ("
                        + UsageCap.of(lab.policy(), lab.previousCycle(), project(allocation, subject), allocation.fleet)
                                .map(UsageCap::describe)
                                .orElse("none")
                        + ")";
            case BUDGET -> "the GPU-hour budgets of " + subject;
            case BLOCK -> "the reserved blocks of " + subject;
            case CATEGORY_BUDGET -> categoryBudgets(lab, subject);
        };
    }

    /** "category product's H100 budget of 20,000 GPU-hours" (joined with "and" for several types). */
    private static String categoryBudgets(Lab lab, String category) {
        return lab.budgets().stream()
                .filter(budget -> budget.owner().equals(CategoryId.of(category)))
                .map(budget -> String.format(
                        Locale.ROOT,
                        "category %s's %s budget of %,.0f GPU-hours",
                        category,
                        budget.gpuType(),
                        budget.gpuHours()))
                .collect(java.util.stream.Collectors.joining(" and "));
    }

    private static String continuity(AllocationModel allocation, Lab lab, String subject) {
        PlannedProject project = project(allocation, subject);
        Continuity range = Continuity.of(lab.policy(), project, allocation.fleet);
        String kept = lab.policy().plannerMayKill() || project.override().isPresent()
                ? ""
                : ", and only the deciders may drop it";
        return "continuity of " + subject + " (from its previous "
                + project.previous().totalGpus() + " GPUs = "
                + effective(range.previousEffective()) + " effective, at most "
                + percent(lab.policy().maxChangeFraction()) + " change: " + effective(range.minEffective()) + " to "
                + effective(range.maxEffective()) + " effective GPUs" + kept + ")";
    }

    /** Effective GPUs as people read them: {@code 48}, {@code 11.2}. */
    static String effective(double gpus) {
        double rounded = Math.round(gpus * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(java.util.Locale.ROOT, "%.1f", rounded);
    }

    /** The node sizes a project's grant is counted in, when grants are whole nodes of more than one GPU. */
    private static String nodes(AllocationModel allocation, String subject) {
        StringBuilder sizes = new StringBuilder();
        for (GpuTypeId type : project(allocation, subject).effectiveSpeed().keySet()) {
            int unit = allocation.fleet.unitGpus(type);
            if (unit > 1) {
                sizes.append(sizes.isEmpty() ? "; granted in whole nodes of " : ", ")
                        .append(type)
                        .append(": ")
                        .append(unit)
                        .append(" GPUs");
            }
        }
        return sizes.toString();
    }

    private static PlannedProject project(AllocationModel allocation, String id) {
        return allocation.projects.stream()
                .filter(p -> p.project().id().value().equals(id))
                .findFirst()
                .orElseThrow();
    }

    static String percent(double fraction) {
        double value = fraction * 100;
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value)) + " %";
    }

    private static ShareBound bound(Lab lab, String category) {
        return lab.policy().shareBounds().stream()
                .filter(b -> b.category().value().equals(category))
                .findFirst()
                .orElseThrow();
    }
}
