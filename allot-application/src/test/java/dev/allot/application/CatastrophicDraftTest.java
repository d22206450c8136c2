package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.guard.GuardRule;
import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The draft a careless policy produces on the demo lab: 99 % reserve, the planner allowed to kill, no pins. Nearly
 * every project is killed and nearly the whole fleet sits in the reserve; the publish check must say so (mass kill,
 * idle capacity, and the type moves of the few continuing projects kept on other GPU types, since continuity counts
 * effective compute) and the publish must wait for a reason per warning. (A relation met only vacuously is
 * GuardRailsTest's.)
 */
class CatastrophicDraftTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:catastrophe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));

    @AfterEach
    void close() {
        store.close();
    }

    /** The demo lab with the careless policy and without its pins. */
    static Lab catastrophic() {
        return DemoLab.careless(DemoLab.generate(PlannerOptions.defaults().seed()));
    }

    @Test
    void theCheckWarnsOfMassKillsIdleCapacityAndTypeMovesAndThePublishWaitsForReasons() {
        Lab lab = catastrophic();
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
        application.drafts().solve(lab.cycle(), DANA, null);

        PublishCheck check = application.approvals().approve(lab.cycle(), null, DANA);

        assertThat(check.warnings())
                .extracting(GuardWarning::rule)
                .contains(GuardRule.MASS_KILL, GuardRule.IDLE_CAPACITY, GuardRule.GPU_TYPE_CHANGE);
        AllotException refused = catchThrowableOfType(
                AllotException.class, () -> application.approvals().publish(lab.cycle(), null, Map.of(), "", DANA));
        assertThat(refused.code()).isEqualTo("guard-unacknowledged");
        // One reason covers every warning of a rule, so the refusal names each rule once with its count.
        Map<GuardRule, Long> perRule = check.warnings().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        GuardWarning::rule, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
        assertThat(refused.problems()).hasSize(perRule.size());
        assertThat(refused.problems())
                .extracting(problem -> problem.path())
                .containsExactlyElementsOf(perRule.keySet().stream()
                        .map(rule -> "acknowledgements." + rule.code())
                        .toList());
        long typeMoves = perRule.get(GuardRule.GPU_TYPE_CHANGE);
        assertThat(refused.getMessage())
                .contains("gpu-type-change (" + typeMoves + " warning" + (typeMoves == 1 ? ")" : "s)"));
        assertThat(application.reads().published(lab.cycle())).isEmpty();

        Map<String, String> reasons = new LinkedHashMap<>();
        check.warnings().forEach(warning -> reasons.put(warning.rule().code(), "a deliberate wind-down"));
        StoredPlan published = application.approvals().publish(lab.cycle(), null, reasons, "", DANA);
        assertThat(store.approvals().acknowledgements(lab.cycle(), published.version()))
                .isEqualTo(reasons);
    }
}
