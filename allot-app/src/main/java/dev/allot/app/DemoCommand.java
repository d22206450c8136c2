package dev.allot.app;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.lab.DemoLab;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot demo}: generates the demo lab, plans its next cycle and prints what a lab leader wants to see. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a demo lab shaped like a real one (about 300 projects, 520 researchers, four GPU types,",
                "three past cycles), draft the next cycle's plan and print its summary."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--changes", defaultValue = "10", description = "How many of the largest changes to list (default: ${DEFAULT-VALUE}).")
    int changes;

    @Mixin
    SolverOptions solver;

    @Override
    public Integer call() {
        Lab lab = DemoLab.generate(solver.seed());
        System.out.println(describe(lab, solver.seed()));
        Plan plan;
        try (ProgressLine progress = new ProgressLine(System.err, true)) {
            plan = Planner.create(solver.toPlannerOptions()).plan(lab, progress);
        }
        System.out.print(PlanSummary.summary(lab, plan, Math.max(0, changes)));
        System.out.println();
        System.out.println("Next: './allot lab example > lab.yaml' writes this lab as a file; './allot plan lab.yaml"
                + " --format json' gives every grant with its explanation.");
        System.out.flush();
        return Cli.OK;
    }

    static String describe(Lab lab, long seed) {
        Set<String> people = new LinkedHashSet<>();
        lab.projects().forEach(project -> {
            people.addAll(project.members());
            if (!project.lead().isEmpty()) {
                people.add(project.lead());
            }
        });
        int gpus = lab.capacityGpus().values().stream().mapToInt(Integer::intValue).sum();
        return String.format("Allot demo: lab %s, planning cycle %s (seed %d)%n  %d projects, %d researchers, %d GPUs"
                        + " of %d types in %d pools, %d past cycles%n", lab.name(), lab.cycle(), seed,
                lab.projects().size(), people.size(), gpus, lab.gpuTypes().size(), lab.pools().size(),
                lab.history().size());
    }
}
