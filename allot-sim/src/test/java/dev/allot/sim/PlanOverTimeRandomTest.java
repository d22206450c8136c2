package dev.allot.sim;

import static dev.allot.sim.TestLab.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.CapacityEvent;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random traces on a plan over time (grants that change, an outage, an arrival, a retirement, two blocks):
 * every policy and queue discipline keeps the engine's invariants, conserves work and repeats exactly.
 */
class PlanOverTimeRandomTest {
    private static final TestLab LAB = ConservationAndDeterminismTest.lab()
            .grantFrom(2, "vision", "A100:8 H100:16")
            .grantFrom(2, "chat", "A100:40")
            .grantFrom(4, "agents", "H100:8")
            .event(CapacityEvent.outage("a100-0", 16, day(1), day(2)))
            .event(CapacityEvent.arrival("h100-1", 16, day(2)))
            .event(CapacityEvent.retirement("a100-0", 8, day(4)))
            .block("agents", "H100", 16, 2, 4)
            .block("chat", "A100", 32, 3, 5);

    static Stream<Object[]> cases() {
        return SharingPolicies.names().stream()
                .flatMap(policy -> Stream.of(Backfill.values())
                        .flatMap(backfill -> Stream.of(1L, 2L).map(seed -> new Object[] {policy, backfill, seed})));
    }

    @ParameterizedTest(name = "{0}, {1}, seed {2}")
    @MethodSource("cases")
    void invariantsHoldWorkIsConservedAndRunsRepeat(String policy, Backfill backfill, long seed) {
        Trace trace = SyntheticTrace.generate(seed, 1500, 6, 300, 3600);
        SimOptions options =
                SimOptions.defaults().withSeed(seed).withBackfill(backfill).withPreemptionCostSeconds(0);

        Replay replay = Replay.automatic(LAB, trace, policy, options);
        Replay again = Replay.automatic(LAB, trace, policy, options);

        Engine engine = replay.engine();
        double work = 0;
        for (int j = 0; j < engine.work.jobCount; j++) {
            assertThat(Double.valueOf(again.engine().finishTime[j])).isEqualTo(Double.valueOf(engine.finishTime[j]));
            if (!Double.isNaN(engine.finishTime[j])) {
                int type = engine.typesOf[j][0];
                work += engine.work.gpus[j] * engine.work.seconds(j, type) * engine.work.speed[type];
            }
        }
        double used = 0;
        for (int t = 0; t < engine.work.typeCount(); t++) {
            used += engine.recorder.tally.gpuSecondsByType[t] * engine.work.speed[t];
        }
        double unfinished = 0;
        for (int j = 0; j < engine.work.jobCount; j++) {
            if (Double.isNaN(engine.finishTime[j]) && engine.placement[j] != null) {
                unfinished +=
                        engine.work.gpus[j] * (engine.now - engine.runStart[j]) * engine.work.speed[engine.runType[j]];
            }
        }
        assertThat(used).isCloseTo(work + unfinished, within(1e-6 * Math.max(1, work)));
        List<BlockOutcome> blocks = replay.outcome.timeline().blocks();
        assertThat(blocks).hasSize(2);
        for (BlockOutcome block : blocks) {
            assertThat(block.status()).isIn("on time", "late", "not started");
            if (!Double.isNaN(block.startedSeconds())) {
                assertThat(block.delaySeconds()).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(blocks)
                .as("the pools always hold the blocks, so the runs make room for themselves")
                .allMatch(BlockOutcome::onTime);
        assertThat(replay.outcome.timeline().capacityEvents()).hasSize(3);
        assertThat(engine.invariantChecks).isPositive();
    }
}
