package dev.allot.app;

import dev.allot.application.Enforcements;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.lab.DemoLab;
import dev.allot.lab.PlanDocument;
import dev.allot.lab.PlanSchema;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the plan comes from: a lab file or the demo lab, planned now or read from a published plan file; the
 * enforcers' {@link EnforcedPlanInput} adds a cycle's published plan from the store or a server.
 */
public class PlanInput {
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
        return load(planFile == null ? null : Cli.read(planFile, "Plan file"));
    }

    /** {@link #load()} with the plan file's text already read (or {@code null} to plan the lab now). */
    private Loaded load(String planText) {
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
        Plan plan = planText != null
                ? PlanDocument.read(planText, planFile.toString())
                : Planner.create(solver.toPlannerOptions()).plan(lab);
        return new Loaded(lab, plan);
    }

    /**
     * {@link #load()}, then refuses a plan the enforcers must not apply, before anything reads or changes a cluster: a
     * plan file that departs from the published schema ({@link PlanSchema}: fractional GPUs, missing fields), or a
     * plan that does not fit the lab ({@link Enforcements#problems}: {@code PlanRules}, then the
     * {@code PlanInvariants} oracle). Every problem is reported at once.
     */
    public Loaded loadChecked() {
        String planText = planFile == null ? null : Cli.read(planFile, "Plan file");
        Loaded loaded;
        try {
            loaded = load(planText);
        } catch (AllotException unreadable) {
            List<Problem> problems = planText == null ? List.of() : PlanSchema.validateDocument(planText);
            if (problems.isEmpty()) {
                throw unreadable;
            }
            throw mismatch(planFile.toString(), "the plan document schema (allot.plan/v1)", problems);
        }
        return checked(planFile == null ? "planned now" : planFile.toString(), loaded, planText);
    }

    /** {@code loaded} when an enforcer may apply it, else the refusal naming every problem. */
    static Loaded checked(String source, Loaded loaded, String document) {
        List<Problem> problems = Enforcements.problems(loaded.lab(), loaded.plan(), document);
        if (!problems.isEmpty()) {
            throw Enforcements.refused(source, loaded.lab(), problems);
        }
        return loaded;
    }

    private static AllotException mismatch(String source, String against, List<Problem> problems) {
        return new AllotException(
                AllotException.Kind.INVALID_INPUT,
                ErrorCode.PLAN_MISMATCH.code(),
                "Plan " + source + " does not fit " + against + ": " + problems.size()
                        + " problem(s); nothing was changed.",
                problems,
                null);
    }
}
