package dev.allot.app.evidence;

import dev.allot.app.Cli;
import dev.allot.core.AllotException;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ChinchillaFit;
import dev.allot.evidence.ChinchillaFitter;
import dev.allot.evidence.CompiledCurve;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.EvidenceExplanation;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.SetAside;
import dev.allot.evidence.ValueSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allot evidence fit FILE --project P}: fits each series of an evidence CSV and prints the law, its bootstrap
 * intervals (with the seed), the points set aside and why, or why there is no curve.
 */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = {
            "Fit scaling laws to an evidence CSV: a compute curve metric(C) = E + A C^-alpha per metric, or the Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta (--law chinchilla). Prints bootstrap intervals with their seed, the points set aside and why, or why no curve is given (too few points, not improving, not converged, poor fit). With --worth, also what one more GPU buys (see docs/evidence.md)."
        })
public final class FitEvidenceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Evidence CSV (see `evidence import --out`).")
    Path file;

    @Option(names = "--project", required = true, description = "The project the evidence belongs to.")
    String project;

    @Option(names = "--metric", description = "Fit only this metric (default: every metric in the file).")
    String metric;

    @Option(
            names = "--law",
            defaultValue = "compute",
            description = "Either compute or chinchilla (default: ${DEFAULT-VALUE}).")
    String law;

    @Option(
            names = "--bootstrap",
            defaultValue = "100",
            description = "Bootstrap resamples for the intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--drop-highest-loss",
            defaultValue = "0",
            description =
                    "Chinchilla only: set aside this many highest-loss runs as outliers (default: ${DEFAULT-VALUE}).")
    int dropHighestLoss;

    @Option(
            names = "--runs",
            defaultValue = "1",
            description = "Fit this many times in this JVM and print each fit's time (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--worth", description = "Value of one unit of metric improvement, in effective-GPU equivalents.")
    Double worth;

    @Option(
            names = "--gpus",
            defaultValue = "64",
            description = "With --worth: the grant so far (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--gpu-type", defaultValue = "GPU", description = "With --worth: the GPU type's name.")
    String gpuType;

    @Option(
            names = "--cycle-hours",
            defaultValue = "720",
            description = "With --worth: cycle length (default: ${DEFAULT-VALUE}).")
    double cycleHours;

    @Option(
            names = "--flop-per-gpu-hour",
            defaultValue = "0",
            description = "With --worth, for FLOP curves: training FLOP of one GPU-hour, e.g. 1.44e18.")
    double flopPerGpuHour;

    @Override
    public Integer call() {
        check(bootstrap >= 0 && bootstrap <= 10_000, "--bootstrap", bootstrap, "must be between 0 and 10000");
        check(runs >= 1 && runs <= 100, "--runs", runs, "must be between 1 and 100");
        check(dropHighestLoss >= 0, "--drop-highest-loss", dropHighestLoss, "must be >= 0");
        check(gpus >= 0, "--gpus", gpus, "must be >= 0");
        check(law.equals("compute") || law.equals("chinchilla"), "--law", law, "must be compute or chinchilla");
        String text = Cli.read(file, "Evidence file");
        List<EvidenceSeries> all = EvidenceFormat.CSV
                .read(text, file.getFileName().toString(), ProjectId.of(project), null, Set.of())
                .series();
        List<EvidenceSeries> chosen = all.stream()
                .filter(s -> metric == null || s.metric().name().equals(metric))
                .toList();
        if (chosen.isEmpty()) {
            throw AllotException.invalid(
                    "EVIDENCE_METRIC_UNKNOWN",
                    "Metric '" + metric + "' is not in " + file + ". Maybe one of "
                            + all.stream()
                                    .map(s -> s.metric().name())
                                    .distinct()
                                    .toList() + "?");
        }
        for (EvidenceSeries series : chosen) {
            System.out.println(
                    series.metric().name() + " (" + series.metric().direction().word() + " is better, "
                            + series.metric().visibility().word() + ", "
                            + series.points().size() + " points)");
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                Runnable print = law.equals("chinchilla") ? printChinchilla(series) : printCompute(series);
                double millis = (System.nanoTime() - start) / 1e6;
                if (run == runs) {
                    print.run();
                }
                if (runs > 1) {
                    System.out.printf(Locale.ROOT, "  run %d: fit in %.0f ms%n", run, millis);
                }
            }
        }
        return Cli.OK;
    }

    private Runnable printChinchilla(EvidenceSeries series) {
        ChinchillaFit fit = new ChinchillaFitter(dropHighestLoss, 1e-3, 8, bootstrap, seed).fit(series.points());
        return () -> {
            System.out.println("  " + fit.status() + ": " + fit.message());
            fit.intervals().forEach(i -> System.out.println("    " + i));
            printSetAside(fit.setAside());
        };
    }

    private Runnable printCompute(EvidenceSeries series) {
        ComputeCurveFit fit = new ComputeCurveFitter(bootstrap, seed).fit(series);
        return () -> {
            System.out.println("  " + fit.status() + ": " + fit.message());
            fit.intervals().forEach(i -> System.out.println("    " + i));
            printSetAside(fit.setAside());
            if (!fit.usable() && !fit.residuals().isEmpty()) {
                System.out.println("    residuals: "
                        + fit.residuals().stream()
                                .map(r -> String.format(Locale.ROOT, "%.3g", r))
                                .toList());
            }
            if (worth != null) {
                Optional<CompiledCurve> compiled = new ValueSettings(cycleHours, flopPerGpuHour).compile(fit, worth);
                compiled.ifPresentOrElse(
                        c -> System.out.println("  "
                                + EvidenceExplanation.sentence(
                                        EvidenceExplanation.nthGpu(ProjectId.of(project), c, gpus + 1, gpuType, 1.0))),
                        () -> System.out.println("  no value of compute from this series: valued by priority alone"));
            }
        };
    }

    private static void printSetAside(List<SetAside> setAside) {
        setAside.forEach(s -> System.out.printf(
                Locale.ROOT,
                "    set aside: compute %.4g, value %.4g: %s%n",
                s.point().compute(),
                s.point().value(),
                s.reason()));
    }

    private static void check(boolean ok, String flag, Object value, String reason) {
        if (!ok) {
            throw AllotException.invalid("BAD_FLAG", "Flag " + flag + " " + reason + " (value: " + value + ").");
        }
    }
}
