package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ShareBound;

/** Puts a model rule group (e.g. {@code capacity:H100}, {@code pin:vision-rl}) into words. */
final class GroupText {
    private GroupText() {}

    static String describe(String group, AllocationModel allocation, Lab lab) {
        int colon = group.indexOf(':');
        String kind = colon < 0 ? group : group.substring(0, colon);
        String subject = colon < 0 ? "" : group.substring(colon + 1);
        return switch (kind) {
            case "capacity" -> {
                GpuTypeId type = GpuTypeId.of(subject);
                yield "the capacity of " + type + " (" + allocation.fleet.allocatableGpus(type)
                        + " GPUs after the reserve of "
                        + (allocation.fleet.capacityGpus(type) - allocation.fleet.allocatableGpus(type)) + ")";
            }
            case "pin" ->
                "the pin of " + subject + " ("
                        + lab.pinsByProject().get(ProjectId.of(subject)).gpus() + ")";
            case "override" ->
                "the deciders' "
                        + lab.overridesByProject()
                                .get(ProjectId.of(subject))
                                .action()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                        + " of " + subject;
            case "share-min" ->
                "the minimum share of " + subject + " ("
                        + percent(bound(lab, subject).minShare()) + ")";
            case "share-max" ->
                "the maximum share of " + subject + " ("
                        + percent(bound(lab, subject).maxShare()) + ")";
            case "relation" -> "the relation '" + subject + "'";
            case "continuity" ->
                "continuity (at most " + percent(lab.policy().maxChangeFraction())
                        + " change per cycle for continuing projects)";
            default -> group;
        };
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
