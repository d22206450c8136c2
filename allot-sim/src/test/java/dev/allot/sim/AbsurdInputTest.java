package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.sim.trace.CsvTraceReader;
import dev.allot.sim.trace.TraceSource;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Memory and time follow the number of events, not simulated time; absurd inputs are refused up front. */
class AbsurdInputTest {
    private static final TestLab LAB =
            TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p", "product", "A100:8");

    @Test
    void oneJobRunningForHundredMillionSecondsKeepsTheTimeSeriesSmall() {
        Replay replay = Replay.of(LAB, TestTrace.trace().job("p", 0, 1, 1e8).build(), "strict");

        assertThat(replay.finish(0)).isEqualTo(1e8);
        Series series = replay.engine().recorder.series;
        assertThat(series.buckets).isLessThanOrEqualTo(Series.MAX_BUCKETS);
        assertThat(series.typeBusy[0].length).isLessThanOrEqualTo(Series.MAX_BUCKETS);
        assertThat(replay.outcome.cluster().utilisation())
                .as("one of 8 GPUs busy all along")
                .isEqualTo(0.125);
        double[] busy =
                replay.outcome.series().utilisationByType().values().iterator().next();
        assertThat(busy).isNotEmpty();
        for (double value : busy) {
            assertThat(value).isCloseTo(0.125, within(1e-9));
        }
    }

    @Test
    void aLateArrivalAfterALongQuietTimeIsStillCountedInTheRightBucket() {
        Replay replay = Replay.of(
                LAB, TestTrace.trace().job("p", 0, 8, 100).job("p", 5e7, 8, 100).build(), "strict");

        assertThat(replay.finish(1)).isEqualTo(5e7 + 100);
        assertThat(replay.engine().recorder.series.buckets).isLessThanOrEqualTo(Series.MAX_BUCKETS);
        assertThat(replay.outcome.cluster().totals().gpuHours()).isCloseTo(2 * 8 * 100 / 3600.0, within(1e-9));
    }

    @Test
    void absurdDurationsGpuCountsAndSubmitTimesAreRefusedNamingLineFieldAndValue() {
        String csv = """
                submit_seconds,group,gpus,duration_seconds
                0,vision,8,3600
                0,vision,8,1e12
                0,vision,10000000,60
                1e15,vision,1,60
                """;

        assertThatThrownBy(() -> new CsvTraceReader().read(new TraceSource("jobs.csv", new StringReader(csv))))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::describe)
                                .containsExactly(
                                        "jobs.csv:3 duration_seconds: is absurd: more than 315360000 seconds of running time"
                                                + " (ten years) (value: 1e12). Maybe a unit mix-up (milliseconds for seconds) or a stray digit?",
                                        "jobs.csv:4 gpus: is absurd: more than 65536 GPUs (value: 10000000). Maybe a unit mix-up"
                                                + " (milliseconds for seconds) or a stray digit?",
                                        "jobs.csv:5 submit_seconds: is absurd: more than 315360000 seconds (ten years)"
                                                + " (value: 1e15). Maybe a unit mix-up (milliseconds for seconds) or a stray digit?"));
    }
}
