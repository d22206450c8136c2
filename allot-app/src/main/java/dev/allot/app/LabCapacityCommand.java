package dev.allot.app;

import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.CapacityTimeline;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code allot lab capacity FILE}: the pools' capacity events and the periods a plan of the lab is cut into. */
@Command(
        name = "capacity",
        mixinStandardHelpOptions = true,
        description = {
            "List the pools' capacity events (arrivals, retirements, outage windows) of a lab file and the capacity per GPU type in each period its plan is cut into."
        })
final class LabCapacityCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The lab file.")
    Path file;

    @Mixin
    LabFileOptions labFile;

    @Override
    public Integer call() {
        Lab lab = labFile.read(file);
        PrintStream out = System.out;
        if (lab.capacityEvents().isEmpty()) {
            out.println("No capacity events: one period, " + lab.cycleStart() + " to " + lab.cycleEnd() + ".");
        } else {
            out.println("Capacity events:");
            for (CapacityEvent event : lab.capacityEvents()) {
                out.printf("  %-16s %-10s %s%n", event.pool(), event.kind().label(), event.describe());
            }
        }
        List<GpuTypeId> types = lab.gpuTypes().stream().map(type -> type.id()).toList();
        StringBuilder header = new StringBuilder(String.format("%-12s %-12s", "from", "until"));
        types.forEach(type -> header.append(String.format(" %8s", type.value())));
        out.println("Periods (GPUs per type, before the reserve):");
        out.println("  " + header);
        for (CapacityTimeline.Period period : CapacityTimeline.periods(lab)) {
            StringBuilder row = new StringBuilder(String.format("%-12s %-12s", period.from(), period.until()));
            types.forEach(type ->
                    row.append(String.format(" %8d", period.capacityGpus().getOrDefault(type, 0))));
            out.println("  " + row);
        }
        out.flush();
        return Cli.OK;
    }
}
