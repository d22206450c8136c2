package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

    @Test
    void theOrderOfProjectsInTheFileDoesNotChangeThePlan() {
        Lab demo = DemoLab.generate(7);
        Lab shuffled = shuffled(demo, new Random(11));
        assertThat(shuffled.projects()).isNotEqualTo(demo.projects());

        assertThat(PlanDocument.json(PLANNER.plan(shuffled))).isEqualTo(PlanDocument.json(PLANNER.plan(demo)));
    }

    /** The same lab with projects, asks, scores, pins and overrides listed in another order. */
    static Lab shuffled(Lab lab, Random random) {
        return lab.toBuilder()
                .projects(shuffle(lab.projects(), random))
                .asks(shuffle(lab.asks(), random))
                .scores(shuffle(lab.scores(), random))
                .pins(shuffle(lab.pins(), random))
                .overrides(shuffle(lab.overrides(), random))
                .build();
    }

    private static <T> List<T> shuffle(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
