package dev.allot.app;

import dev.allot.application.EvidenceValuation;
import dev.allot.application.Evidences;
import dev.allot.application.ValueModelComparison;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.lab.LabFile;
import dev.allot.lab.PlanDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
            description = "Evidence CSV files named PROJECT.csv (see docs/evidence.md), laid over the lab file's"
                    + " evidence: section; used when the lab's policy says value: evidence.")
    Path evidence;

    @Option(
            names = "--compare-value-models",
            description = "Plan the lab twice, with value: weights and with value: evidence, and print the projects"
                    + " whose grants differ (instead of the plan).")
    boolean compareValueModels;

    @Mixin
    SolverOptions solver;

    @Mixin
    LabFileOptions labFile;

    @Override
    public Integer call() {
        LabFile read = labFile.readFile(file);
        Lab lab = read.lab();
        Map<ProjectId, List<EvidenceSeries>> series =
                Evidences.merged(Evidences.fromLab(read.evidence()), EvidenceFiles.read(evidence, lab));
        if (compareValueModels) {
            ValueModelComparison comparison = ValueModelComparison.of(lab, series, solver.toPlannerOptions());
            comparison.notes().forEach(note -> System.err.println("evidence: " + note));
            print(ValueModelTable.render(comparison));
            return Cli.OK;
        }
        EvidenceValuation valuation = EvidenceValuation.of(lab, series, solver.toPlannerOptions());
        valuation.notes().forEach(note -> System.err.println("evidence: " + note));
        Plan plan;
        try (ProgressLine progress = new ProgressLine(System.err, !quiet)) {
            plan = Planner.create(valuation.options()).plan(lab, progress);
        }
        String text = render(lab, plan, format);
        if (out == null) {
            print(text);
        } else {
            Cli.write(out, text);
            System.err.println("Wrote the " + format + " plan of cycle " + plan.cycle() + " ("
                    + plan.projects().size() + " projects) to " + out);
        }
        return Cli.OK;
    }

    private void print(String text) {
        if (out == null) {
            System.out.print(text);
            System.out.flush();
        } else {
            Cli.write(out, text);
        }
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
