package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.Trace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real Gavel/Philly trace replayed end to end under every policy (skipped when ../shared is absent). */
class GavelPhillyReplayTest {
    @Test
    void theWholeTraceReplaysUnderEveryPolicyWithWorkConservedAndTheRulesHeld() throws Exception {
        Optional<Path> folder = SharedData.gavelPhilly();
        Assumptions.assumeTrue(
                folder.isPresent(),
                "../shared/data/gavel-philly is absent beside the repository root; skipping the Philly replay");
        Trace trace = SharedData.readGavel(folder.get(), "seed=0");
        assertThat(trace.jobs()).hasSize(15_264);
        assertThat(trace.groups()).hasSize(15);
        TestLab lab = SharedData.phillyLab();

        List<SimOutcome> outcomes = Simulator.create(SimOptions.defaults().withSeed(3))
                .compare(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.all(), null);

        assertThat(outcomes)
                .extracting(SimOutcome::policy)
                .containsExactly("strict", "lending", "fairshare", "lending-relations");
        for (SimOutcome outcome : outcomes) {
            Totals totals = outcome.cluster().totals();
            assertThat(totals.completed() + totals.rejected())
                    .as(outcome.policy())
                    .isEqualTo(15_264);
            assertThat(outcome.cluster().unfinished()).isZero();
            assertThat(outcome.run().invariantChecks()).isGreaterThanOrEqualTo(totals.completed());
            assertThat(outcome.gpuTypeMapping()).containsOnlyKeys("H100", "A100", "V100");
            double[] h100 = outcome.series().utilisationByType().get(dev.allot.core.model.GpuTypeId.of("H100"));
            assertThat(java.util.Arrays.stream(h100).max().orElseThrow()).isBetween(0.0, 1.0 + 1e-9);
        }
        SimOutcome strict = outcomes.get(0);
        SimOutcome lending = outcomes.get(1);
        assertThat(strict.cluster().totals().rejected()).isPositive();
        assertThat(lending.cluster().totals().rejected())
                .as("borrowing runs jobs larger than a grant")
                .isLessThan(strict.cluster().totals().rejected());
        assertThat(lending.cluster().totals().borrowedGpuHours()).isPositive();
        assertThat(lending.cluster().totals().lentGpuHours())
                .as("lent comes out of borrowed")
                .isPositive()
                .isLessThanOrEqualTo(lending.cluster().totals().borrowedGpuHours() + 1e-6);
    }
}
