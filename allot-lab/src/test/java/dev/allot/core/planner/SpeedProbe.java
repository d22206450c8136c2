package dev.allot.core.planner;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.lab.ScaledLab;
import java.util.Map;

/** Manual probe of the large-lab solve: java -cp ... dev.allot.core.planner.SpeedProbe PROJECTS [gap%] [runs]. */
final class SpeedProbe {
    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        double gap = args.length > 1 ? Double.parseDouble(args[1]) / 100 : 0.005;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Lab lab = ScaledLab.ofSize(42, size);
        com.google.ortools.Loader.loadNativeLibraries();
        PlannerOptions options = PlannerOptions.defaults().withExplain(false).withRelativeGap(gap);
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            java.util.List<PlanningPeriod> periods = PlanningPeriod.of(lab);
            var projects = Planner.gather(lab, periods.get(0).fleet());
            AllocationModel model = AllocationModel.forSolve(lab, periods, projects, options.valueModel());
            long t1 = System.nanoTime();
            var mx0 = java.lang.management.ManagementFactory.getThreadMXBean();
            long lc = mx0.getCurrentThreadCpuTime();
            SolverOutcome lp = MipEngine.solve(
                    "GLOP",
                    model.model,
                    row -> true,
                    true,
                    options,
                    Map.of(),
                    true,
                    null,
                    System.getProperty("glop", ""));
            System.out.printf("LP cpu %d ms%n", (mx0.getCurrentThreadCpuTime() - lc) / 1_000_000);
            long t2 = System.nanoTime();
            int fractionalUnits = 0, fractionalFunded = 0, units = 0;
            for (var byType : model.units) {
                for (var var : byType.values()) {
                    units++;
                    double v = lp.values()[var.index()];
                    if (Math.abs(v - Math.rint(v)) > 1e-6) fractionalUnits++;
                }
            }
            for (var var : model.funded) {
                double v = lp.values()[var.index()];
                if (Math.abs(v - Math.rint(v)) > 1e-6) fractionalFunded++;
            }
            System.out.printf(
                    "vars %d rows %d build %d ms LP %d ms value %.1f; fractional units %d of %d, funded %d%n",
                    model.model.vars().size(),
                    model.model.rows().size(),
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    lp.objective(),
                    fractionalUnits,
                    units,
                    fractionalFunded);
            java.util.Map<String, Integer> tight = new java.util.TreeMap<>();
            java.util.Set<Integer> fracVars = new java.util.HashSet<>();
            for (var byType : model.units) {
                for (var var : byType.values()) {
                    double v = lp.values()[var.index()];
                    if (Math.abs(v - Math.rint(v)) > 1e-6) fracVars.add(var.index());
                }
            }
            for (LinearModel.Row row : model.model.rows()) {
                boolean touches = row.terms().stream()
                        .anyMatch(t -> fracVars.contains(t.var().index()));
                if (!touches) continue;
                double a = LinearModel.activity(row, lp.values());
                if (Math.abs(a - row.lower()) < 1e-6 || Math.abs(a - row.upper()) < 1e-6) {
                    String fam = row.name().replaceAll("\\[.*", "");
                    tight.merge(fam, 1, Integer::sum);
                }
            }
            System.out.println("tight rows touching fractional units: " + tight);
            if (args.length > 3) return;
            long t3 = System.nanoTime();
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c3 = mx.getCurrentThreadCpuTime();
            Plan plan = Planner.create(options)
                    .plan(
                            lab,
                            (elapsed, value, bound) -> System.out.printf(
                                    "  progress cpu %d ms: value %.1f bound %.1f%n",
                                    (mx.getCurrentThreadCpuTime() - c3) / 1_000_000, value, bound));
            long t4 = System.nanoTime();
            System.out.printf("cpu %d ms%n", (mx.getCurrentThreadCpuTime() - c3) / 1_000_000);
            System.out.printf(
                    "plan %d ms: %s objective %.1f bound %.1f gap %.4f %%%n",
                    (t4 - t3) / 1_000_000,
                    plan.solve().status(),
                    plan.solve().objective(),
                    plan.solve().bestBound(),
                    plan.solve().gap() * 100);
        }
    }
}
