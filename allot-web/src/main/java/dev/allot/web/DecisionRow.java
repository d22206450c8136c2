package dev.allot.web;

import dev.allot.core.model.Binding;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectPlan;
import java.util.List;

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
        String override) {
    static DecisionRow of(ProjectPlan line, Pin pin, DeciderOverride override) {
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
                override == null ? "" : override.action().name().toLowerCase(java.util.Locale.ROOT));
    }
}
