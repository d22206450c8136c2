package dev.allot.web;

import dev.allot.core.model.Binding;
import dev.allot.core.model.ComputeChange;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectPlan;
import java.util.List;
import java.util.Map;

/** One project's line in the draft plan, with why it got what it got and the deciders' settings on it. */
record DecisionRow(
        String id,
        String category,
        double priority,
        String previous,
        String grant,
        int grantGpus,
        String decision,
        int changeGpus,
        String summary,
        List<String> binding,
        List<String> whatWouldChange,
        String pinned,
        String override,
        String typeMove,
        boolean noAsk) {
    /**
     * @param speeds the lab's relative speed per GPU type, for the change in compute of a type move
     * @param asked whether the project made an ask this cycle
     */
    static DecisionRow of(
            ProjectPlan line, Pin pin, DeciderOverride override, Map<GpuTypeId, Double> speeds, boolean asked) {
        return new DecisionRow(
                line.project().value(),
                line.category().value(),
                line.priority(),
                line.previous().toString(),
                line.grant().toString(),
                line.grant().totalGpus(),
                line.decision().label(),
                line.changeGpus(),
                line.explanation().summary(),
                line.explanation().binding().stream().map(Binding::text).toList(),
                line.explanation().whatWouldChange(),
                pin == null ? "" : pin.gpus().toString(),
                override == null ? "" : override.action().name().toLowerCase(java.util.Locale.ROOT),
                ComputeChange.of(line.previous(), line.grant(), speeds)
                        .typeMove()
                        .orElse(""),
                !asked);
    }
}
