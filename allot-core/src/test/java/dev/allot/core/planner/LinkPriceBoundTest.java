package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bound that keeps the links between periods is a true bound: no plan of the full model is worth more, on the
 * seeded labs of {@link OverTimeSolveTest} (an arrival, and an outage or a retirement for some seeds), at the LP's
 * prices and at random ones; and where the links bind, their prices tighten the bound of the periods alone.
 */
class LinkPriceBoundTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void noPlanOfTheFullModelIsWorthMore(long seed) {
        AllocationModel full = model(OverTimeSolveTest.withEvents(seed));
        assertThat(LinkPriceBound.applies(full)).isTrue();
        SolverOutcome optimum = Engine.named("scip")
                .solve(full.model, row -> true, true, OPTIONS.withRelativeGap(1e-7), ProgressListener.NONE);
        double best = optimum.objective();

        LinkPriceBound.Result bound = LinkPriceBound.of(full, OPTIONS.valueModel(), OPTIONS);

        assertThat(bound.value()).isFinite().isGreaterThanOrEqualTo(best - slack(best));
        // at any prices of the links, of either sign and large enough to make a change between periods worth paying,
        // L is at least the best plan's value plus what its slack on the priced rows earns (each period's term is at
        // least the best plan's part of it)
        int[] rowPeriod = LinkPriceBound.rowPeriods(full.model, LinkPriceBound.periodOfVariables(full));
        SplittableRandom random = new SplittableRandom(seed);
        for (int draw = 0; draw < 3; draw++) {
            double[] prices = new double[full.model.rows().size()];
            double earned = best;
            for (LinearModel.Row row : full.model.rows()) {
                prices[row.index()] = (random.nextDouble() - 0.5) * 20;
                double price = LinkPriceBound.project(row, prices[row.index()]);
                if (rowPeriod[row.index()] == LinkPriceBound.LINK && price != 0) {
                    double activity = 0;
                    for (LinearModel.Term term : row.terms()) {
                        activity +=
                                term.coefficient() * optimum.values()[term.var().index()];
                    }
                    earned += price * ((price > 0 ? row.upper() : row.lower()) - activity);
                }
            }
            assertThat(LinkPriceBound.at(full, OPTIONS.valueModel(), prices, OPTIONS))
                    .isGreaterThanOrEqualTo(earned - slack(earned));
        }
    }

    @Test
    void whereTheLinksBindThePricesTightenTheBound() {
        int tighter = 0;
        for (long seed = 1; seed <= 12; seed++) {
            AllocationModel full = model(OverTimeSolveTest.withEvents(seed));
            double linked =
                    LinkPriceBound.of(full, OPTIONS.valueModel(), OPTIONS).value();
            double unlinked = LinkPriceBound.at(
                    full, OPTIONS.valueModel(), new double[full.model.rows().size()], OPTIONS);
            if (linked < unlinked - slack(unlinked)) {
                tighter++;
            }
        }
        assertThat(tighter).isGreaterThan(0);
    }

    @Test
    void aBoundNoLongerWantedIsGivenUp() {
        AllocationModel full = model(OverTimeSolveTest.withEvents(3));
        // the solve that runs it says stop (as it does once a plan is proven without it): its engines are interrupted
        ProgressListener stopped = new ProgressListener() {
            @Override
            public void onProgress(java.time.Duration elapsed, double objective, double bound) {}

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        LinkPriceBound.Result[] result = new LinkPriceBound.Result[1];
        Interruption.watching(stopped, () -> result[0] = LinkPriceBound.of(full, OPTIONS.valueModel(), OPTIONS));

        assertThat(result[0].value()).isInfinite();
    }

    @Test
    void itDoesNotApplyToOnePeriod() {
        Lab lab = OverTimeSolveTest.withEvents(1);
        AllocationModel onePeriod = new AllocationModel(
                lab.withCapacityEvents(List.of()),
                List.of(PlanningPeriod.of(lab).get(0)),
                Planner.gather(lab, PlanningPeriod.of(lab).get(0).fleet()),
                OPTIONS.valueModel());

        assertThat(LinkPriceBound.applies(onePeriod)).isFalse();
    }

    private static double slack(double value) {
        return TOLERANCE * Math.max(1, Math.abs(value));
    }

    private static AllocationModel model(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
    }
}
