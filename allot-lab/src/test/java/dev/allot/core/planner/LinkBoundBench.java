package dev.allot.core.planner;

import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Measures the Lagrangian bound that keeps the links between periods on the bench lab over time (300 projects x 8
 * periods): the planner's ({@link LinkPriceBound}, {@code -Dtest=LinkBoundBench#linkPriceBound}; docs/benchmarks.md,
 * "Plans over time: the bound that keeps the links") and, with subgradient steps and a MIP per period, the test
 * sources' {@link LinkBound} beside the bound per fleet (docs/benchmarks.md, "Subgradient prices for the bound that
 * keeps the links"; {@code -Dtest=LinkBoundBench#benchLabOverTime}; properties: {@code rounds} (12), {@code lp} (start
 * from the LP's duals; false), {@code step} (Polyak's factor; 1), {@code stepGap} (each period MIP's gap; 0.0001),
 * {@code known} (the Polyak target, the best plan known; 41024.5)).
 */
class LinkBoundBench {
    /** The bench lab over time: 300 projects, 8 periods, an arrival and an outage. */
    private static AllocationModel benchLab(PlannerOptions options) {
        Lab lab = DemoLab.overTime(ScaledLab.generate(42, 1));
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), options.valueModel());
    }

    /** The bound the planner uses ({@link LinkPriceBound}), three times in one JVM. */
    @Test
    void linkPriceBound() {
        PlannerOptions options = PlannerOptions.defaults();
        AllocationModel full = benchLab(options);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            LinkPriceBound.Result result = LinkPriceBound.of(full, options.valueModel(), options);
            System.out.printf(
                    "link price bound: %.1f, engine %d ms, wall %.0f ms%n",
                    result.value(), result.spent().toMillis(), (System.nanoTime() - t0) / 1e6);
        }
    }

    @Test
    void benchLabOverTime() {
        PlannerOptions options = PlannerOptions.defaults();
        AllocationModel full = benchLab(options);
        long t0 = System.nanoTime();
        PeriodBounds perFleet = PeriodBounds.solve(full, options.valueModel(), options);
        System.out.printf("per fleet: %.1f in %.1f s%n", perFleet.total(full), (System.nanoTime() - t0) / 1e9);
        double known = Double.parseDouble(System.getProperty("known", "41024.5"));
        double stepGap = Double.parseDouble(System.getProperty("stepGap", "0.0001"));
        int rounds = Integer.getInteger("rounds", 12);
        boolean lp = Boolean.getBoolean("lp");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        t0 = System.nanoTime();
        LinkBound.Result result = LinkBound.of(
                full,
                options.withTimeLimit(java.time.Duration.ofSeconds(600)),
                new LinkBound.Search(
                        stepGap, known, 0, rounds, lp, 2, Double.parseDouble(System.getProperty("step", "1"))),
                pool);
        System.out.printf(
                "linked (lp %s, step gap %s): %.1f lp %.1f after %d rounds, engine %.1f s, wall %.1f s%n",
                lp,
                stepGap,
                result.bound(),
                result.lp(),
                result.rounds(),
                result.spent().toMillis() / 1000.0,
                (System.nanoTime() - t0) / 1e9);
        System.out.println("trace " + result.trace());
        pool.shutdown();
    }
}
