package dev.allot.sim.bench;

import dev.allot.sim.SharedData;
import dev.allot.sim.SimOptions;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.Simulator;
import dev.allot.sim.TestLab;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Simulator benchmark (a plain main, so heap limits are those of the command line): replays the Gavel/Philly trace
 * under each policy (median of 5 runs after 2 warm-ups, wall time includes compiling the workload) and one million
 * synthetic jobs once per policy, printing wall time, events per second and the peak heap in use.
 * Arguments: {@code [syntheticJobs [meanInterarrivalSeconds [projects [policy,... [compare]]]]]} (default 1,000,000,
 * 30, 60 and every policy); with a fourth argument the Philly part is skipped. The policies run one after the other,
 * each timed with its thread's CPU time, unless the fifth argument is {@code compare}: then they run as
 * {@code allot simulate --compare} runs them, side by side. See docs/benchmarks.md for the command.
 */
public final class SimulatorBench {
    private SimulatorBench() {}

    public static void main(String[] args) throws Exception {
        int syntheticJobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double interarrivalSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        int projects = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        java.util.List<String> policies =
                args.length > 3 ? java.util.List.of(args[3].split(",")) : SharingPolicies.names();
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Optional<Path> philly = SharedData.gavelPhilly();
        if (philly.isPresent() && args.length <= 3) {
            long readStart = System.nanoTime();
            Trace trace = SharedData.readGavel(philly.get(), "seed=0");
            System.out.printf(
                    Locale.ROOT,
                    "gavel-philly seed=0: %,d jobs read in %.2f s%n",
                    trace.jobs().size(),
                    (System.nanoTime() - readStart) / 1e9);
            TestLab lab = SharedData.phillyLab();
            for (String policy : SharingPolicies.names()) {
                double[] seconds = new double[5];
                double first = 0;
                SimOutcome last = null;
                for (int run = -2; run < seconds.length; run++) {
                    long start = System.nanoTime();
                    last = Simulator.create(SimOptions.defaults())
                            .run(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName(policy));
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    if (run >= 0) {
                        seconds[run] = elapsed;
                    } else if (run == -2) {
                        first = elapsed;
                    }
                }
                Arrays.sort(seconds);
                System.out.printf(
                        Locale.ROOT,
                        "  %-9s first run %.3f s, then median %.3f s (min %.3f, max %.3f),"
                                + " %,d events, %,.0f events/s%n",
                        policy,
                        first,
                        seconds[2],
                        seconds[0],
                        seconds[4],
                        last.run().events(),
                        last.run().events() / seconds[2]);
            }
        } else {
            System.out.println("gavel-philly: ../shared/data/gavel-philly is absent; skipped");
        }
        long generateStart = System.nanoTime();
        Trace synthetic = SyntheticTrace.generate(1, syntheticJobs, projects, interarrivalSeconds, 3 * 3600);
        System.out.printf(
                Locale.ROOT,
                "synthetic: %,d jobs (one every %.0f s on average) generated in %.2f s%n",
                syntheticJobs,
                interarrivalSeconds,
                (System.nanoTime() - generateStart) / 1e9);
        TestLab lab = syntheticLab(projects);
        if (args.length > 4 && args[4].equals("compare")) {
            // as `allot simulate --compare` runs them: compiled once, the policies side by side
            resetPeaks();
            long start = System.nanoTime();
            java.util.List<SimOutcome> outcomes = Simulator.create(SimOptions.defaults())
                    .compare(
                            lab.buildLab(),
                            lab.buildPlan(),
                            synthetic,
                            policies.stream().map(SharingPolicies::byName).toList(),
                            null);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (SimOutcome outcome : outcomes) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-9s %.2f s, %,d events, utilisation while arriving %.1f%%, queue p95 %.1f h%n",
                        outcome.policy(),
                        outcome.run().wallSeconds(),
                        outcome.run().events(),
                        100 * outcome.cluster().utilisationWhileArriving(),
                        outcome.cluster().totals().queueSeconds().p95() / 3600);
            }
            System.out.printf(
                    Locale.ROOT, "  compare: %.2f s wall for all, peak heap %d MiB%n", seconds, peakHeapMiB());
            return;
        }
        for (String policy : policies) {
            resetPeaks();
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            SimOutcome outcome = Simulator.create(SimOptions.defaults())
                    .run(lab.buildLab(), lab.buildPlan(), synthetic, SharingPolicies.byName(policy));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "  %-9s %.2f s (%.2f s CPU in this thread), %,d events, %,.0f events/s, utilisation while arriving %.1f%%,"
                            + " queue p95 %.1f h, peak heap %d MiB%n",
                    policy,
                    seconds,
                    cpuSeconds,
                    outcome.run().events(),
                    outcome.run().events() / seconds,
                    100 * outcome.cluster().utilisationWhileArriving(),
                    outcome.cluster().totals().queueSeconds().p95() / 3600,
                    peakHeapMiB());
        }
    }

    /** About 4,800 effective GPUs in 8-GPU nodes and 60 projects, loaded to roughly 90 % by the synthetic trace. */
    public static TestLab syntheticLab() {
        return syntheticLab(60);
    }

    /**
     * The same GPUs shared by {@code projects} projects; the grants shrink with the number of projects so that they
     * add up to about the same share of the fleet.
     */
    public static TestLab syntheticLab(int projects) {
        TestLab lab = TestLab.lab()
                .type("H200", 1.4)
                .type("H100", 1.0)
                .type("A100", 0.5)
                .type("L40S", 0.3)
                .pool("H200", 1024, 8)
                .pool("H100", 2048, 8)
                .pool("A100", 2048, 8)
                .pool("L40S", 1024, 8);
        String[] types = {"H200", "H100", "A100", "L40S"};
        int[] perProject = {16, 32, 32, 16};
        for (int p = 0; p < projects; p++) {
            StringBuilder grant = new StringBuilder();
            for (int t = 0; t < types.length; t++) {
                if ((p + t) % 2 == 0 || t == 1) {
                    grant.append(types[t])
                            .append(':')
                            .append(Math.max(8, perProject[t] * (1 + p % 3) * 60 / projects / 8 * 8))
                            .append(' ');
                }
            }
            lab.project(
                    "p" + p,
                    p % 5 < 3 ? "exploratory" : "product",
                    grant.toString().strip());
        }
        return lab;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
