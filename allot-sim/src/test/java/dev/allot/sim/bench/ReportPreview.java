package dev.allot.sim.bench;

import dev.allot.sim.SharedData;
import dev.allot.sim.SimOptions;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.Simulator;
import dev.allot.sim.TestLab;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.report.HtmlReport;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a sample {@code simulation.html} (every policy) to look at in a browser: the Gavel/Philly trace on its lab
 * when the shared data is there, else 20,000 synthetic jobs on the benchmark lab with 15 projects. Argument: the
 * output file (default {@code target/simulation.html}).
 */
public final class ReportPreview {
    private ReportPreview() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/simulation.html");
        Optional<Path> philly = SharedData.gavelPhilly();
        Trace trace = philly.isPresent()
                ? SharedData.readGavel(philly.get(), "seed=0")
                : SyntheticTrace.generate(1, 20_000, 15, 30, 3 * 3600);
        TestLab lab = philly.isPresent() ? SharedData.phillyLab() : SimulatorBench.syntheticLab(15);
        List<SimOutcome> outcomes = Simulator.create(SimOptions.defaults())
                .compare(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.all(), null);
        Files.writeString(out, HtmlReport.render(outcomes));
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
