package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Pool;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster page's capacity timeline: periods, capacity after each event, and the plan's grants per period. */
class CapacityTimelineOnPagesTest {
    private static Lab labWithArrival() {
        Lab lab = TestLabs.shaped(6, 2).build();
        Pool pool = lab.pools().get(0);
        return lab.withCapacityEvents(List.of(CapacityEvent.arrival(
                pool.name(), pool.gpusPerNode() * 2, lab.cycleStart().plusDays(21))));
    }

    @Test
    void aLabWhoseCapacityDoesNotChangeHasNoTimeline() {
        Lab lab = TestLabs.shaped(6, 2).build();
        assertThat(ClusterPage.timeline(lab, Optional.empty())).isEqualTo(ClusterPage.Timeline.NONE);
    }

    @Test
    void anArrivalRaisesItsTypesCapacityFromItsDayAndTheEventIsNamedOnThatPeriod() {
        Lab lab = labWithArrival();
        Pool pool = lab.pools().get(0);
        int typeIndex = lab.gpuTypes().stream().map(t -> t.id()).toList().indexOf(pool.gpuType());
        ClusterPage.Timeline timeline = ClusterPage.timeline(lab, Optional.empty());

        assertThat(timeline.planned()).isFalse();
        ClusterPage.PeriodLine first = timeline.periods().get(0);
        ClusterPage.PeriodLine arrival = timeline.periods().stream()
                .filter(period -> period.from().equals(lab.cycleStart().plusDays(21)))
                .findFirst()
                .orElseThrow();
        assertThat(arrival.capacity().get(typeIndex) - first.capacity().get(typeIndex))
                .isEqualTo(pool.gpusPerNode() * 2);
        assertThat(arrival.events()).contains(pool.name(), "arrival", "+" + pool.gpusPerNode() * 2);
        assertThat(first.events()).isEmpty();
        assertThat(timeline.periods().get(timeline.periods().size() - 1).until())
                .isEqualTo(lab.cycleEnd());
    }

    @Test
    void anOutageIsNamedOnThePeriodItStartsAndAgainWhereItEnds() {
        Lab plain = TestLabs.shaped(6, 2).build();
        Pool pool = plain.pools().get(0);
        Lab lab = plain.withCapacityEvents(List.of(CapacityEvent.outage(
                pool.name(),
                pool.gpusPerNode(),
                plain.cycleStart().plusDays(10),
                plain.cycleStart().plusDays(12))));
        List<ClusterPage.PeriodLine> periods =
                ClusterPage.timeline(lab, Optional.empty()).periods();
        ClusterPage.PeriodLine down = periods.stream()
                .filter(period -> period.from().equals(plain.cycleStart().plusDays(10)))
                .findFirst()
                .orElseThrow();
        ClusterPage.PeriodLine back = periods.stream()
                .filter(period -> period.from().equals(plain.cycleStart().plusDays(12)))
                .findFirst()
                .orElseThrow();
        assertThat(down.events()).contains(pool.name() + " outage -").doesNotContain("ends");
        assertThat(back.events()).contains(pool.name() + " outage ends (-");
        assertThat(back.capacity()).isEqualTo(periods.get(0).capacity());
        assertThat(down.capacity().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(periods.get(0).capacity().stream()
                                .mapToInt(Integer::intValue)
                                .sum()
                        - pool.gpusPerNode());
    }

    @Test
    void aPlanOverTimeShowsItsGrantsPerPeriodWithinEachPeriodsCapacity() {
        Lab lab = labWithArrival();
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);
        ClusterPage.Timeline timeline = ClusterPage.timeline(lab, Optional.of(plan));

        assertThat(timeline.planned()).isTrue();
        assertThat(timeline.periods()).hasSize(plan.periods().size());
        for (ClusterPage.PeriodLine period : timeline.periods()) {
            for (int t = 0; t < period.capacity().size(); t++) {
                assertThat(period.granted().get(t))
                        .isLessThanOrEqualTo(period.capacity().get(t));
            }
        }
        String html = Templates.render(
                "cluster.jte",
                new ClusterPage.View(
                        new Page(new Rights("dana", dev.allot.store.Role.DECIDER), "token", "cluster", null),
                        null,
                        "draft v1",
                        lab.pools(),
                        ClusterPage.types(lab, Optional.of(plan)),
                        "",
                        null,
                        timeline,
                        BlockGantt.View.NONE));
        assertThat(html).contains("Capacity over the cycle", "data-testid=\"timeline\"", "(capacity / granted)");
        assertThat(html.split("<tr><td>20", -1)).hasSize(timeline.periods().size() + 1);
    }
}
