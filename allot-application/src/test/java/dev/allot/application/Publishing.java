package dev.allot.application;

import dev.allot.core.model.CycleId;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.StoredPlan;
import java.util.HashMap;
import java.util.Map;

/** Takes an open cycle through review and draft to a published plan, acknowledging every guard-rail warning. */
final class Publishing {
    private Publishing() {}

    static StoredPlan publish(Application application, CycleId cycle, Actor decider) {
        application.cycles().transition(cycle, CycleState.REVIEW, null, decider);
        application.cycles().transition(cycle, CycleState.DRAFT, null, decider);
        StoredPlan draft = application.drafts().solve(cycle, decider, null).draft();
        PublishCheck check = application.approvals().approve(cycle, draft.version(), decider);
        Map<String, String> reasons = new HashMap<>();
        check.warnings().forEach(warning -> reasons.put(warning.rule().code(), "seen"));
        return application.approvals().publish(cycle, draft.version(), reasons, "", decider);
    }
}
