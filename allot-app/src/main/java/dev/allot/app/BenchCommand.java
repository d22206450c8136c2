package dev.allot.app;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot bench planner}: times the planner on the demo lab or on copies of it, in this fresh JVM. The first
 * run is cold (it includes loading the solver's native libraries and JIT warm-up), which is what a person running
 * {@code ./allot plan} waits for; later runs are warm.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Time the planner on the demo lab (300 projects) or on N copies of it (--copies 10 = 3,000 projects). Prints one line per run (the first is cold: it includes loading the solver) and checks every plan against the lab's rules. With --vs gavel it also runs the Gavel max-min LP on the same lab and prints both side by side. Results and commands are recorded in docs/benchmarks.md."
        })
public final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--copies",
            defaultValue = "1",
            description = "Copies of the demo portfolio and fleet (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--runs", defaultValue = "3", description = "Solves in this JVM (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--size",
            paramLabel = "N",
            description = "Plan a lab of N projects (as 'allot lab example --size N' writes) instead of copies.")
    Integer size;

    @Option(
            names = "--vs",
            paramLabel = "PEER",
            description = "Also run this peer on the same lab and print both side by side; the one peer is gavel.")
    String peer;

    @Option(
            names = "--python",
            paramLabel = "PATH",
            defaultValue = "python3",
            description = "Python with cvxpy and ecos for the peer (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(
            names = "--peer-script",
            paramLabel = "FILE",
            defaultValue = "../shared/bench/peer_gavel.py",
            description = "The Gavel peer script (default: ${DEFAULT-VALUE}).")
    Path peerScript;

    @Option(names = "--no-explain", description = "Skip explanations (pricing with the fixed LP).")
    boolean noExplain;

    @Option(
            names = "--over-time",
            description = "Add capacity events (an arrival in week 4, a maintenance window in week 6) so that the lab "
                    + "is planned over eight periods.")
    boolean overTime;

    @Mixin
    SolverOptions solver;

    @Override
    public Integer call() {
        if (copies < 1 || copies > 1000) {
            throw dev.allot.core.AllotException.invalid(
                    "BAD_FLAG", "Flag --copies must be between 1 and 1000 (value: " + copies + ").");
        }
        if (runs < 1 || runs > 100) {
            throw dev.allot.core.AllotException.invalid(
                    "BAD_FLAG", "Flag --runs must be between 1 and 100 (value: " + runs + ").");
        }
        if (size != null && (size < 1 || size > LabCommand.Example.MAX_SIZE)) {
            throw dev.allot.core.AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --size must be between 1 and " + LabCommand.Example.MAX_SIZE + " (value: " + size + ").");
        }
        if (peer != null && !peer.equals("gavel")) {
            throw dev.allot.core.AllotException.invalid(
                    "BAD_FLAG", "Flag --vs names an unknown peer (value: " + peer + "). Maybe --vs gavel?");
        }
        if (peer != null) {
            PeerComparison.checkScript(peerScript);
        }
        long start = System.nanoTime();
        Lab generated =
                size != null ? ScaledLab.ofSize(solver.seed(), size) : ScaledLab.generate(solver.seed(), copies);
        Lab lab = overTime ? DemoLab.overTime(generated) : generated;
        System.out.printf(
                Locale.ROOT,
                "lab: %d projects, %d asks, %d GPU types, %d periods, generated in %d ms%n",
                lab.projects().size(),
                lab.asks().size(),
                lab.gpuTypes().size(),
                dev.allot.core.model.CapacityTimeline.periods(lab).size(),
                (System.nanoTime() - start) / 1_000_000);
        PlannerOptions options = solver.toPlannerOptions().withExplain(!noExplain);
        List<Long> totals = new ArrayList<>();
        List<Long> solves = new ArrayList<>();
        Plan plan = null;
        for (int run = 1; run <= runs; run++) {
            long before = System.nanoTime();
            try (ProgressLine progress = new ProgressLine(System.err, true)) {
                plan = Planner.create(options).plan(lab, progress);
            }
            solves.add(plan.solve().solveTime().toMillis());
            long millis = (System.nanoTime() - before) / 1_000_000;
            totals.add(millis);
            List<String> violations = PlanInvariants.check(lab, plan);
            System.out.printf(
                    Locale.ROOT,
                    "run %d%s: plan %d ms (engine %d ms), %s, gap %.3f %%, %s%n",
                    run,
                    run == 1 ? " (cold)" : "",
                    millis,
                    plan.solve().solveTime().toMillis(),
                    plan.solve().status().name().toLowerCase(Locale.ROOT),
                    plan.solve().gap() * 100,
                    violations.isEmpty() ? "all rules hold" : violations.size() + " VIOLATIONS: " + violations.get(0));
            if (!violations.isEmpty()) {
                return Cli.FAILED;
            }
        }
        List<Long> sorted = totals.stream().sorted().toList();
        String rss = peakMemory();
        System.out.printf(
                Locale.ROOT,
                "median %d ms over %d runs; peak resident memory %s%n",
                sorted.get(sorted.size() / 2),
                runs,
                rss);
        if (peer != null) {
            long medianSolve = solves.stream().sorted().toList().get(solves.size() / 2);
            PeerComparison.print(medianSolve / 1000.0, plan, rss, PeerComparison.runGavel(lab, python, peerScript, (int)
                    Math.max(600, 10 * medianSolve / 1000)));
        }
        return Cli.OK;
    }

    /** VmHWM of this process (Linux), e.g. {@code 412 MiB}; "unknown" elsewhere. */
    static String peakMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kib / 1024) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
        return "unknown";
    }
}
