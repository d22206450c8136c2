package dev.allot.app.simulate;

import dev.allot.app.Cli;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.lab.LabYaml;
import dev.allot.sim.lab.LabFromTrace;
import dev.allot.sim.trace.Trace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot lab from-trace}: a lab derived from a job trace, so that a lab can replay its own history. */
@Command(
        name = "from-trace",
        mixinStandardHelpOptions = true,
        description = {
            "Derive a lab file from a job trace: one project per trace group, GPU pools from the trace's GPU types (sized to the p95 of concurrent demand), asks from each group's observed demand (floor and target p50, ceiling p99, target and ceiling at least its largest job), each with the group's job shape (its largest job and the GPU types its jobs run on). See docs/simulation.md."
        })
public final class LabFromTraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", description = "A folder of Gavel/Philly *.trace files, or a CSV trace.")
    Path trace;

    @Option(
            names = "--categories",
            required = true,
            paramLabel = "MAP",
            description = "Pairs group=category, comma-separated or a file of lines; *=CATEGORY for every other group.")
    String categories;

    @Option(
            names = "--throughputs",
            paramLabel = "FILE",
            description = "Gavel throughputs JSON (default: found beside the trace).")
    Path throughputs;

    @Option(
            names = "--columns",
            paramLabel = "MAP",
            description = "For CSV traces: canonical=header pairs, as in simulate.")
    String columns;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = "trace-lab",
            description = "Lab name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--cycle", paramLabel = "ID", description = "Cycle id (default: this month, e.g. 2027-01).")
    String cycle;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the lab file here (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        Trace jobs = TraceFiles.read(trace, throughputs, MappingFlags.parse("--columns", columns));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = today.withDayOfMonth(1);
        CycleId id =
                CycleId.of(cycle != null ? cycle : String.format("%d-%02d", start.getYear(), start.getMonthValue()));
        Lab lab = LabFromTrace.derive(name, id, start, jobs, MappingFlags.parse("--categories", categories));
        String yaml = LabYaml.write(lab);
        if (out == null) {
            System.out.print(yaml);
            // the lab file is the output; what was derived goes beside it, so a pipe gets only the lab
            System.err.println(LabFromTrace.describeShapes(lab));
        } else {
            Cli.write(out, yaml);
            System.out.printf(
                    "Wrote %s: lab %s from %s, %d projects, %d GPU types, %d GPUs.%n",
                    out,
                    lab.name(),
                    jobs.source(),
                    lab.projects().size(),
                    lab.gpuTypes().size(),
                    lab.pools().stream().mapToInt(p -> p.gpus()).sum());
            System.out.println(LabFromTrace.describeShapes(lab));
        }
        System.out.flush();
        return Cli.OK;
    }
}
