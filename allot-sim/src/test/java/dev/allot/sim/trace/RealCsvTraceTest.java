package dev.allot.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Traces as real clusters export them: quoted fields, their own column names, string ids. */
class RealCsvTraceTest {
    private static Trace read(String csv, Map<String, String> columns) {
        return new CsvTraceReader(columns).read(new TraceSource("pai.csv", new StringReader(csv)));
    }

    @Test
    void readsQuotedFieldsMappedColumnsAndStringIds() {
        Trace trace = read(
                """
                job_name,user,"submit_time",num_gpu,runtime,gpu_type,comment
                "a1b2-c3",team-vision,0,8,3600,V100,"trains, then evaluates"
                "d4,e5",team-chat,30,1,60,T4,"says ""hi"" twice"
                x9,team-chat,40,2,120,,"two
                lines"
                """,
                Map.of(
                        "id", "job_name",
                        "group", "user",
                        "submit", "submit_time",
                        "gpus", "num_gpu",
                        "duration", "runtime",
                        "types", "gpu_type"));

        assertThat(trace.jobs()).extracting(TraceJob::name).containsExactly("a1b2-c3", "d4,e5", "x9");
        assertThat(trace.jobs()).extracting(TraceJob::group).containsExactly("team-vision", "team-chat", "team-chat");
        assertThat(trace.jobs().get(1).allowedGpuTypes()).containsExactly("T4");
        assertThat(trace.jobs().get(2).referenceSeconds()).isEqualTo(120);
    }

    @Test
    void everyHeaderProblemIsReportedAtOnce() {
        String csv = """
                submit_time,user,num_gpu
                0,a,1
                """;

        assertThatThrownBy(() -> read(csv, Map.of("submit", "submit_time", "queue", "q", "gpus", "gpu_count")))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::describe)
                                .containsExactlyInAnyOrder(
                                        "columns queue: names no column of the trace format (value: q). Maybe one of"
                                                + " [submit_seconds, group, gpus, duration_seconds, work_gpu_hours, gpu_types,"
                                                + " priority, id]?",
                                        "pai.csv:1 header: is not a column of the header row (value: gpu_count). Maybe one of"
                                                + " [submit_time, user, num_gpu]?",
                                        "pai.csv:1 header: column is missing (value: group). Maybe map it with --columns"
                                                + " NAME=COLUMN, e.g. one of [num_gpu, user]?",
                                        "pai.csv:1 header: column is missing (value: gpus). Maybe map it with --columns"
                                                + " NAME=COLUMN, e.g. one of [num_gpu, user]?",
                                        "pai.csv:1 header: column is missing (and so is work_gpu_hours) (value:"
                                                + " duration_seconds). Maybe map it with --columns NAME=COLUMN, e.g. one of"
                                                + " [num_gpu, user]?"));
    }

    @Test
    void theMessageListsTheFirstTwentyProblemsWithTheirLines() {
        StringBuilder csv = new StringBuilder("# exported\nsubmit_seconds,group,gpus,duration_seconds\n");
        for (int i = 0; i < 25; i++) {
            csv.append("0,g,x,60\n");
        }

        assertThatThrownBy(() -> read(csv.toString(), Map.of())).isInstanceOfSatisfying(AllotException.class, e -> {
            assertThat(e.getMessage())
                    .startsWith("Trace pai.csv has 25 problems in 25 of 25 rows (by column: gpus 25):"
                            + " pai.csv:3 gpus: is not a number (value: x); pai.csv:4 gpus:")
                    .contains("pai.csv:22 gpus: is not a number (value: x) (5 more not listed)")
                    .doesNotContain("pai.csv:23");
            assertThat(e.problems()).hasSize(25);
        });
    }
}
