package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import org.junit.jupiter.api.Test;

/** The core reads no clock: the same lab and options give a byte-identical plan document. */
class DeterministicPlanTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());

    @Test
    void theSameLabGivesTheSameDocumentOnEveryRun() {
        Lab demo = DemoLab.generate(7);

        String first = PlanDocument.json(PLANNER.plan(demo));
        String second = PlanDocument.json(PLANNER.plan(demo));

        assertThat(second).isEqualTo(first);
    }
}
