package dev.allot.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class GavelTraceReaderTest {
    /** Two types; ResNet measured on 1 and 2 GPUs, A3C only on 1 GPU (and zero on k80 2 GPUs). */
    private static final String THROUGHPUTS = """
            {"k80": {"('ResNet-50 (batch size 64)', 1)": {"null": 1.0, "('A3C', 1)": [0.5, 0.5]},
                     "('ResNet-50 (batch size 64)', 2)": {"null": 0.0},
                     "('A3C', 1)": {"null": 2.0}},
             "v100": {"('ResNet-50 (batch size 64)', 1)": {"null": 4.0},
                      "('ResNet-50 (batch size 64)', 2)": {"null": 7.0},
                      "('A3C', 1)": {"null": 4.0}},
             "v100_unconsolidated": {"('A3C', 1)": {"null": 1.0}}}
            """;

    private static GavelThroughputs throughputs() {
        return GavelThroughputs.read(new StringReader(THROUGHPUTS), "throughputs.json");
    }

    @Test
    void durationsAreStepsOverMeasuredThroughputPerType() {
        String lines = "ResNet-50 (batch size 64)\tcmd\t-step\t1\t1400\t10.000000\t2\n"
                + "A3C\tcmd\t-n\t1\t800\t0.000000\t4\n";

        Trace trace = new GavelTraceReader(throughputs())
                .read("philly", List.of(new TraceSource("seed=0/6214e9.trace", new StringReader(lines))));

        TraceJob resnet = trace.jobs().get(0);
        assertThat(resnet.group()).isEqualTo("6214e9");
        assertThat(resnet.submitSeconds()).isEqualTo(10);
        assertThat(resnet.secondsByTraceGpuType().get("v100")).isEqualTo(200);
        // k80 on 2 GPUs measured as 0: derived from 1 GPU at 1.0 step/s, scaled x2 -> 700 s
        assertThat(resnet.secondsByTraceGpuType().get("k80")).isEqualTo(700);
        // A3C on 4 GPUs never measured: from 1 GPU (4.0 step/s on v100) x4 -> 50 s
        assertThat(trace.jobs().get(1).secondsByTraceGpuType().get("v100")).isEqualTo(50);
        assertThat(trace.traceGpuTypeSpeeds()).containsOnlyKeys("k80", "v100");
        assertThat(trace.traceGpuTypeSpeeds().get("v100")).isEqualTo(1.0);
        // geometric mean of 1/4 (ResNet) and 2/4 (A3C)
        assertThat(trace.traceGpuTypeSpeeds().get("k80")).isCloseTo(Math.sqrt(0.125), within(1e-12));
    }

    @Test
    void reportsEveryBadLineOfEveryFile() {
        String first = "ResNet-50 (batch size 64)\tcmd\t-step\t1\tmany\t0\t1\nonly three\tcolumns\there\n";
        String second = "Unknown model\tcmd\t-n\t1\t100\t5\t1\n";

        assertThatThrownBy(() -> new GavelTraceReader(throughputs())
                        .read(
                                "philly",
                                List.of(
                                        new TraceSource("a.trace", new StringReader(first)),
                                        new TraceSource("b.trace", new StringReader(second)))))
                .isInstanceOf(AllotException.class)
                .hasMessage("Trace philly has 3 problems in 3 of 3 rows (by column: columns 1, job type 1, steps 1):"
                        + " a.trace:1 steps: is not a whole number (value: many); a.trace:2 columns: expected 7"
                        + " tab-separated columns (value: 3). Maybe the file is not a Gavel trace, or tabs became"
                        + " spaces?; b.trace:1 job type: has no measured throughput on any GPU type (value: Unknown"
                        + " model). Maybe the throughputs file does not belong to this trace?");
    }

    @Test
    void aThroughputsFileThatIsNotJsonIsNamed() {
        assertThatThrownBy(() -> GavelThroughputs.read(new StringReader("{oops"), "t.json"))
                .hasMessageStartingWith("Throughputs file t.json is not valid JSON: ")
                .hasMessageEndingWith("Maybe pass Gavel's simulation_throughputs.json?");
    }
}
