package dev.allot.app;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.lab.DemoLab;
import dev.allot.lab.PlanDocument;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the plan comes from: a lab file or the demo lab, planned now or read from a published plan file. */
public final class PlanInput {
    @Option(names = "--lab", paramLabel = "FILE", description = "The lab file (YAML; see docs/lab-file.md).")
    Path labFile;

    @Option(names = "--demo", description = "Use the generated demo lab (seeded by --seed).")
    boolean demo;

    @Option(
            names = "--plan",
            paramLabel = "FILE",
            description = "A published plan (allot.plan/v1 JSON or YAML) to enforce instead of planning now.")
    Path planFile;

    @Mixin
    SolverOptions solver;

    @Mixin
    LabFileOptions labFileOptions;

    /** The lab and plan. */
    public record Loaded(Lab lab, Plan plan) {}

    /** The published plan file, when one is given. */
    public java.util.Optional<Path> planFile() {
        return java.util.Optional.ofNullable(planFile);
    }

    public boolean hasPlanFile() {
        return planFile != null;
    }

    public boolean given() {
        return labFile != null || demo;
    }

    public Loaded load() {
        if (labFile != null && demo) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flags --lab and --demo both given (value: --lab " + labFile + "). Maybe drop one of them?");
        }
        if (!given()) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "No lab given: pass --lab FILE or --demo. Maybe" + " 'allot slurm diff --lab lab.yaml'?");
        }
        Lab lab = demo ? DemoLab.generate(solver.seed()) : labFileOptions.read(labFile);
        Plan plan = planFile != null
                ? PlanDocument.read(Cli.read(planFile, "Plan file"), planFile.toString())
                : Planner.create(solver.toPlannerOptions()).plan(lab);
        return new Loaded(lab, plan);
    }

    /** {@link #load()}, then refuses a plan that does not fit the lab ({@link PlanCheck}), before any enforcement. */
    public Loaded loadChecked() {
        Loaded loaded = load();
        PlanCheck.check(
                loaded.lab(),
                loaded.plan(),
                planFile == null ? null : Cli.read(planFile, "Plan file"),
                planFile == null ? "planned now" : planFile.toString());
        return loaded;
    }
}
