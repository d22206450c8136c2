package dev.allot.app.evidence;

import dev.allot.app.Cli;
import dev.allot.app.server.CycleCommand;
import dev.allot.app.server.StoreOptions;
import dev.allot.application.Application;
import dev.allot.application.Evidences;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.ImportedEvidence;
import dev.allot.evidence.RunCompute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allot evidence import FILE --project P}: reads and validates an evidence file, prints what it holds, and
 * with {@code --out} appends it to an evidence CSV (where successive lm-eval results build up a curve).
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Read and check an evidence file: CSV (columns in docs/evidence.md) or the results JSON of lm-evaluation-harness (v0.4+ or older). Every problem is reported at once, with its line or field; nothing is imported from a file with problems."
        })
public final class ImportEvidenceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The evidence file.")
    Path file;

    @Option(names = "--project", required = true, description = "The project the evidence belongs to.")
    String project;

    @Option(names = "--format", description = "Either csv or lm-eval (default: lm-eval for .json, else csv).")
    String format;

    @Option(
            names = "--compute",
            description = "For lm-eval only: training compute of the evaluated model (the file does not say).")
    Double compute;

    @Option(
            names = "--compute-unit",
            defaultValue = "gpu-hours",
            description = "Unit of --compute: gpu-hours or flop (default: ${DEFAULT-VALUE}).")
    String computeUnit;

    @Option(names = "--parameters", description = "For lm-eval only: model parameters N.")
    Double parameters;

    @Option(names = "--tokens", description = "For lm-eval only: training tokens D.")
    Double tokens;

    @Option(
            names = "--private",
            split = ",",
            paramLabel = "TASK",
            description =
                    "The lm-eval tasks that are the lab's private held-out sets (the rest are public benchmarks).")
    List<String> privateTasks = List.of();

    @Option(
            names = "--out",
            description = "Append the evidence to this CSV (created with a header when absent), for `evidence fit`.")
    Path out;

    @Option(
            names = "--store",
            description = "Also store the evidence in the project's evidence of a cycle in the database (--db,"
                    + " $ALLOT_DB_URL or the default), replacing series of the same metric and compute unit.")
    boolean toStore;

    @Option(
            names = "--cycle",
            paramLabel = "CYCLE",
            description = "With --store: the cycle (default: the latest by start date).")
    String cycle;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        EvidenceFormat chosen =
                format == null ? EvidenceFormat.guess(file.getFileName().toString()) : EvidenceFormat.named(format);
        RunCompute run = compute == null ? null : runCompute();
        String text = Cli.read(file, "Evidence file");
        ImportedEvidence evidence = chosen.read(
                text,
                file.getFileName().toString(),
                ProjectId.of(project),
                run,
                new HashSet<>(Set.copyOf(privateTasks)));
        System.out.println(
                "Read " + evidence.series().size() + " series from " + file + " for project " + project + ":");
        for (EvidenceSeries series : evidence.series()) {
            System.out.printf(
                    "  %-40s %s is better, %s, %d point%s (%s)%n",
                    series.metric().name(),
                    series.metric().direction().word(),
                    series.metric().visibility().word(),
                    series.points().size(),
                    series.points().size() == 1 ? "" : "s",
                    series.computeUnit().word());
        }
        evidence.notes().forEach(note -> System.out.println("Note: " + note));
        if (toStore) {
            store.run(opened -> {
                Evidences evidences = Application.over(opened).evidence();
                CycleId target = cycle == null ? evidences.latestCycle() : CycleCommand.cycleId(cycle);
                evidences.importFile(
                        target,
                        ProjectId.of(project),
                        text,
                        chosen,
                        file.getFileName().toString(),
                        run,
                        new HashSet<>(Set.copyOf(privateTasks)),
                        null,
                        store.actor());
                System.out.println("Stored in project " + project + "'s evidence of cycle " + target);
            });
        }
        if (out != null) {
            boolean exists = Files.exists(out);
            String existing = exists ? Cli.read(out, "Evidence CSV") : "";
            Cli.write(out, existing + EvidenceFormat.toCsv(evidence.series(), !exists));
            System.out.println((exists ? "Appended to " : "Wrote ") + out);
        }
        return Cli.OK;
    }

    private RunCompute runCompute() {
        ComputeUnit unit = switch (computeUnit.toLowerCase(java.util.Locale.ROOT)) {
            case "gpu-hours" -> ComputeUnit.GPU_HOURS;
            case "flop" -> ComputeUnit.FLOP;
            default ->
                throw AllotException.invalid(
                        "BAD_FLAG", "Flag --compute-unit is '" + computeUnit + "'. Maybe gpu-hours or flop?");
        };
        if (!(compute > 0) || compute.isInfinite()) {
            throw AllotException.invalid(
                    "BAD_FLAG", "Flag --compute must be a positive number (value: " + compute + ").");
        }
        for (Double size : new Double[] {parameters, tokens}) {
            if (size != null && (!(size > 0) || size.isInfinite())) {
                throw AllotException.invalid(
                        "BAD_FLAG", "Flags --parameters and --tokens must be positive numbers (value: " + size + ").");
            }
        }
        return new RunCompute(
                compute,
                unit,
                parameters == null ? OptionalDouble.empty() : OptionalDouble.of(parameters),
                tokens == null ? OptionalDouble.empty() : OptionalDouble.of(tokens));
    }
}
