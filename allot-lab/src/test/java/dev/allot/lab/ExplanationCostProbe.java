package dev.allot.lab;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;

/**
 * Manual probe of what explanations cost on the demo lab (docs/benchmarks.md): plans it without and with
 * explanations, alternating, {@code RUNS} times each in one JVM, and prints each time and how many "what would change"
 * sentences the plan carries. {@code java -cp ... dev.allot.lab.ExplanationCostProbe [RUNS]}.
 */
final class ExplanationCostProbe {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Lab demo = DemoLab.generate(42);
        Planner plain = Planner.create(PlannerOptions.defaults().withExplain(false));
        Planner explained = Planner.create(PlannerOptions.defaults());
        plain.plan(demo); // warm-up: native libraries and JIT
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            plain.plan(demo);
            long middle = System.nanoTime();
            Plan plan = explained.plan(demo);
            long end = System.nanoTime();
            long sentences = plan.projects().stream()
                    .mapToLong(line -> line.explanation().whatWouldChange().size())
                    .sum();
            long declined = plan.projects().stream()
                    .filter(line -> line.grant().isEmpty())
                    .count();
            System.out.printf(
                    "run %d: plan without explanations %d ms, with %d ms (explanations %d ms); %d sentences, %d"
                            + " projects without a grant, %d lines%n",
                    run,
                    (middle - start) / 1_000_000,
                    (end - middle) / 1_000_000,
                    (end - middle - (middle - start)) / 1_000_000,
                    sentences,
                    declined,
                    plan.projects().size());
            if (run == runs) {
                plan.projects().stream()
                        .map(ProjectPlan::explanation)
                        .flatMap(e -> e.whatWouldChange().stream())
                        .limit(12)
                        .forEach(System.out::println);
            }
        }
    }
}
