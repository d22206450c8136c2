package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.sim.bench.SimulatorBench;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.report.JsonReport;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Simulator#compare} runs the policies side by side; the report must be byte for byte the one of the same
 * runs made one after the other, except the wall-clock figures.
 */
class CompareSideBySideTest {
    @Test
    void sideBySideRunsReportExactlyWhatRunsOneAfterTheOtherReport() {
        TestLab lab = SimulatorBench.syntheticLab(15);
        Trace trace = SyntheticTrace.generate(21, 6000, 15, 12, 3 * 3600);
        Simulator simulator = Simulator.create(SimOptions.defaults());

        List<SimOutcome> together =
                simulator.compare(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.all(), null);
        List<SimOutcome> alone = new ArrayList<>();
        for (var policy : SharingPolicies.all()) {
            alone.add(simulator.run(lab.buildLab(), lab.buildPlan(), trace, policy));
        }

        assertThat(together).extracting(SimOutcome::policy).containsExactlyElementsOf(SharingPolicies.names());
        assertThat(withoutWallClock(JsonReport.write(together))).isEqualTo(withoutWallClock(JsonReport.write(alone)));
    }

    private static String withoutWallClock(String json) {
        return json.replaceAll("\"(wallSeconds|eventsPerSecond)\" *: *[-0-9.eE+]+", "\"$1\" : 0");
    }
}
