package dev.allot.app;

import dev.allot.application.EvidenceValuation;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.lab.PlanDocument;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot plan FILE}: drafts the next cycle's plan for a lab file and prints or writes it. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Draft the optimal plan for a lab file and print it.",
            "Formats: table (people), json/yaml (the stable allot.plan/v1 document, see docs/plan-format.md),"
                    + " csv (one row per project)."
        })
public final class PlanCommand implements Callable<Integer> {
    /** Output formats of a plan. */
    public enum Format {
        table,
        json,
        yaml,
        csv
    }

    @Parameters(paramLabel = "FILE", description = "The lab file (YAML; see docs/lab-file.md).")
    Path file;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "One of table, json, yaml or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--out",
            paramLabel = "PATH",
            description = "Write the plan to this file instead of standard output.")
    Path out;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Option(
            names = "--evidence",
            paramLabel = "DIR",
            description = "Evidence CSV files named PROJECT.csv (see docs/evidence.md); used when the lab's policy"
                    + " says value: evidence.")
    Path evidence;

    @Mixin
    SolverOptions solver;

    @Mixin
    LabFileOptions labFile;

    @Override
    public Integer call() {
        Lab lab = labFile.read(file);
        EvidenceValuation valuation =
                EvidenceValuation.of(lab, EvidenceFiles.read(evidence, lab), solver.toPlannerOptions());
        valuation.notes().forEach(note -> System.err.println("evidence: " + note));
        Plan plan;
        try (ProgressLine progress = new ProgressLine(System.err, !quiet)) {
            plan = Planner.create(valuation.options()).plan(lab, progress);
        }
        String text = render(lab, plan, format);
        if (out == null) {
            System.out.print(text);
            System.out.flush();
        } else {
            Cli.write(out, text);
            System.err.println("Wrote the " + format + " plan of cycle " + plan.cycle() + " ("
                    + plan.projects().size() + " projects) to " + out);
        }
        return Cli.OK;
    }

    static String render(Lab lab, Plan plan, Format format) {
        return switch (format) {
            case json -> PlanDocument.json(plan);
            case yaml -> PlanDocument.yaml(plan);
            case csv -> PlanDocument.csv(plan);
            case table -> PlanSummary.table(plan) + "\n" + PlanSummary.summary(lab, plan, 10);
        };
    }
}
