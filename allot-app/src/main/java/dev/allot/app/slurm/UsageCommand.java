package dev.allot.app.slurm;

import dev.allot.app.Cli;
import dev.allot.app.PlanInput;
import dev.allot.app.server.StoreOptions;
import dev.allot.application.Application;
import dev.allot.application.Usage;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.slurm.SlurmConfig;
import dev.allot.slurm.usage.AllocationVsUse;
import dev.allot.slurm.usage.CsvUsageSink;
import dev.allot.slurm.usage.UsageAggregator;
import dev.allot.slurm.usage.UsageImporter;
import dev.allot.slurm.usage.UsageRecord;
import dev.allot.store.UsageDay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code allot slurm usage}: imports GPU-hours from sacct and compares them with the grants. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = {
            "Read jobs from sacct and store GPU-hours per project, GPU type and day (re-importing a period"
                    + " replaces it).",
            "With --cycle ID, import that cycle's window (its start to the next cycle's start or today), record it"
                    + " in the store and print each project's used fraction of its grant.",
            "With --since, import an ad-hoc window; with --lab/--demo, also compare allocation with use and flag idle"
                    + " grants."
        })
final class UsageCommand implements Callable<Integer> {
    @Option(names = "--since", paramLabel = "DATE", description = "First day to import (yyyy-MM-dd).")
    LocalDate since;

    @Option(
            names = "--cycle",
            paramLabel = "ID",
            description = "Import and record the usage of this cycle of the store (instead of --since/--until).")
    String cycle;

    @Option(
            names = "--until",
            paramLabel = "DATE",
            description = "Day after the last one to import (default: tomorrow).")
    LocalDate until;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "allot-data/usage",
            description = "Where usage.csv is kept (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--idle-below",
            paramLabel = "PERCENT",
            defaultValue = "20",
            description = "Flag a grant idle when less than this share of it was used (default: ${DEFAULT-VALUE}).")
    double idleBelowPercent;

    @Option(
            names = "--record",
            description = {
                "Also record the usage in the store (the database 'allot serve' uses;"
                        + " see --db), where the API, the web UI and the next cycle's history read it."
            })
    boolean record;

    @Mixin
    StoreOptions store;

    @Mixin
    PlanInput input;

    @Mixin
    ClusterOptions cluster;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((cycle == null) == (since == null)) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Give either --cycle ID (a cycle's window) or --since DATE (an ad-hoc window)." + " Maybe --cycle "
                            + LocalDate.now().toString().substring(0, 7) + "?");
        }
        if (cycle != null) {
            return cycleUsage(CycleId.of(cycle));
        }
        LocalDate to = until == null ? LocalDate.now().plusDays(1) : until;
        if (!since.isBefore(to)) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --since " + since + " is not before --until " + to + ". Maybe --since " + to.minusDays(7)
                            + "?");
        }
        if (!(idleBelowPercent >= 0 && idleBelowPercent <= 100)) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --idle-below must be a percentage from 0 to 100 (value: " + idleBelowPercent + ").");
        }
        SlurmConfig config = cluster.config();
        PlanInput.Loaded loaded = input.given() ? input.load() : null;
        // Slurm's GPU type names (h100) map back to the lab's (H100): from --lab/--demo, else from the store.
        Map<String, GpuTypeId> types = new HashMap<>();
        if (loaded != null) {
            loaded.lab().gpuTypes().forEach(type -> types.put(config.slurmGpuType(type.id()), type.id()));
        } else if (record) {
            store.runUseCases(application -> application
                    .reads()
                    .gpuTypes()
                    .forEach(type -> types.put(config.slurmGpuType(type.id()), type.id())));
        }
        CsvUsageSink sink = new CsvUsageSink(dir);
        List<UsageRecord> records = new UsageImporter(
                        cluster.cli(), new UsageAggregator(config::projectOf, types), sink)
                .importDays(config.cluster(), since, to, LocalDateTime.now());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "imported %d record(s) (project x GPU type x day) for %s .. %s into %s%n",
                records.size(),
                since,
                to.minusDays(1),
                sink.file());
        if (record) {
            store.runUseCases(application -> record(application, records, out));
        }
        if (loaded == null) {
            Map<String, Double> totals = new TreeMap<>();
            records.forEach(r -> totals.merge(r.project() + " " + r.gpuType(), r.gpuHours(), Double::sum));
            totals.forEach((key, hours) -> out.printf(Locale.ROOT, "  %-40s %10.1f GPU-hours%n", key, hours));
        } else {
            // the limits in force day by day: the previous grant before the cycle starts, yields on their dates
            dev.allot.core.model.QuotaTimeline timeline = dev.allot.core.model.QuotaTimeline.of(
                    loaded.plan(), loaded.lab().capacityGpus(), loaded.lab().cycleStart());
            List<AllocationVsUse.Row> rows = AllocationVsUse.compare(
                    loaded.plan().grants().keySet(),
                    timeline::quotaOn,
                    sink.read(since, to),
                    since,
                    to,
                    idleBelowPercent / 100);
            out.printf(Locale.ROOT, "  %-32s %-6s %12s %12s %6s%n", "project", "type", "granted h", "used h", "used");
            rows.forEach(row -> out.printf(
                    Locale.ROOT,
                    "  %-32s %-6s %12.1f %12.1f %5.0f%%%s%n",
                    row.project(),
                    row.gpuType(),
                    row.grantedGpuHours(),
                    row.usedGpuHours(),
                    row.usedFraction() * 100,
                    row.idle() ? "  IDLE" : ""));
        }
        out.flush();
        return Cli.OK;
    }

    /** Imports the cycle's window from sacct, records it and prints each project's used fraction of its grant. */
    private int cycleUsage(CycleId id) {
        SlurmConfig config = cluster.config();
        PrintWriter out = spec.commandLine().getOut();
        LocalDate today = LocalDate.now();
        store.runUseCases(application -> {
            Usage.Window window = application.usage().window(id, today);
            Map<String, GpuTypeId> types = new HashMap<>();
            application.reads().gpuTypes().forEach(type -> types.put(config.slurmGpuType(type.id()), type.id()));
            CsvUsageSink sink = new CsvUsageSink(dir);
            List<UsageRecord> records = new UsageImporter(
                            cluster.cli(), new UsageAggregator(config::projectOf, types), sink)
                    .importDays(config.cluster(), window.start(), window.endExclusive(), LocalDateTime.now());
            out.printf(
                    Locale.ROOT,
                    "imported %d record(s) (project x GPU type x day) of cycle %s, %s .. %s%n",
                    records.size(),
                    id,
                    window.start(),
                    window.endExclusive().minusDays(1));
            record(application, records, out);
            printUse(application.usage().use(id, today), out);
        });
        out.flush();
        return Cli.OK;
    }

    private void record(Application application, List<UsageRecord> records, PrintWriter out) {
        List<UsageDay> days = records.stream()
                .map(r -> new UsageDay(r.project(), r.gpuType(), r.day(), r.gpuHours()))
                .toList();
        Usage.Recorded recorded = application.usage().record(days, store.actor());
        List<String> unknown = recorded.unknownProjects();
        out.printf(
                Locale.ROOT,
                "recorded them in the store: %d day(s) new or changed; %d record(s) of"
                        + " accounts that are no project in the store left out%s%n",
                recorded.changedDays(),
                recorded.leftOut(),
                unknown.isEmpty()
                        ? ""
                        : " (" + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                                + (unknown.size() > 5 ? ", …)" : ")"));
    }

    /** One line per project: granted and used GPU-hours, the used fraction, and whether the grant is idle. */
    static void printUse(List<Usage.ProjectUse> use, PrintWriter out) {
        if (use.isEmpty()) {
            out.println("no published plan, or no usage recorded for this cycle yet");
            return;
        }
        out.printf(Locale.ROOT, "  %-32s %12s %12s %6s%n", "project", "granted h", "used h", "used");
        use.forEach(row -> out.printf(
                Locale.ROOT,
                "  %-32s %12.1f %12.1f %6s%s%n",
                row.project(),
                row.grantedGpuHours(),
                row.usedGpuHours(),
                row.measured() ? String.format(Locale.ROOT, "%5.0f%%", row.usedFraction() * 100) : "-",
                row.idle() ? "  IDLE" : row.measured() ? "" : "  no usage recorded"));
    }
}
