package dev.allot.core.planner;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;

/** Manual probe: java -cp ... dev.allot.core.planner.ScaleProbe PROJECTS TYPES SEED [explain]. */
final class ScaleProbe {
    public static void main(String[] args) {
        long start = System.nanoTime();
        int projects = Integer.parseInt(args[0]);
        Lab lab = RandomLabs.shaped(Long.parseLong(args[2]), projects, Integer.parseInt(args[1]));
        long generated = System.nanoTime();
        com.google.ortools.Loader.loadNativeLibraries();
        long loaded = System.nanoTime();
        boolean explain = args.length < 4 || Boolean.parseBoolean(args[3]);
        double gap = args.length > 4 ? Double.parseDouble(args[4]) : 0.001;
        Plan plan = Planner.create(
                        PlannerOptions.defaults().withExplain(explain).withRelativeGap(gap))
                .plan(lab);
        long total = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "projects %d: status %s gap %.5f gen %d ms load %d ms solve %d ms plan %d ms total %d ms%n",
                projects,
                plan.solve().status(),
                plan.solve().gap(),
                (generated - start) / 1_000_000,
                (loaded - generated) / 1_000_000,
                plan.solve().solveTime().toMillis(),
                (System.nanoTime() - loaded) / 1_000_000,
                total);
    }
}
