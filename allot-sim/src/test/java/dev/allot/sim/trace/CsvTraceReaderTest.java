package dev.allot.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvTraceReaderTest {
    private static Trace read(String csv) {
        return new CsvTraceReader().read(new TraceSource("jobs.csv", new StringReader(csv)));
    }

    @Test
    void readsDurationsWorkAllowedTypesAndPriorityInAnyColumnOrder() {
        Trace trace = read("""
                # a comment
                group,submit_seconds,gpus,duration_seconds,work_gpu_hours,gpu_types,priority
                vision,0,8,3600,,H100|A100,2

                chat,30.5,4,,2,,
                """);

        assertThat(trace.jobs()).hasSize(2);
        TraceJob first = trace.jobs().get(0);
        assertThat(first.group()).isEqualTo("vision");
        assertThat(first.gpus()).isEqualTo(8);
        assertThat(first.referenceSeconds()).isEqualTo(3600);
        assertThat(first.allowedGpuTypes()).containsExactly("A100", "H100");
        assertThat(first.priority()).isEqualTo(2);
        TraceJob second = trace.jobs().get(1);
        assertThat(second.submitSeconds()).isEqualTo(30.5);
        assertThat(second.referenceSeconds()).as("2 GPU-hours over 4 GPUs").isEqualTo(1800);
        assertThat(second.allowedGpuTypes()).isEmpty();
    }

    @Test
    void reportsEveryBadRowWithItsLineAndASummaryByColumn() {
        String csv = """
                submit_seconds,project,gpus,duration_seconds
                0,vision,8,3600
                -5,vision,8,3600
                10,,two,3600
                20,chat,1.5,0
                """;

        assertThatThrownBy(() -> read(csv))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.code()).isEqualTo("trace.invalid");
                    assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
                    assertThat(e.problems())
                            .extracting(Problem::describe)
                            .containsExactly(
                                    "jobs.csv:3 submit_seconds: must be >= 0 (value: -5)",
                                    "jobs.csv:4 group: is empty. Maybe name the team or project that ran the job?",
                                    "jobs.csv:4 gpus: is not a number (value: two)",
                                    "jobs.csv:5 gpus: must be a whole number (value: 1.5)",
                                    "jobs.csv:5 duration_seconds: must be > 0 (value: 0)");
                })
                .hasMessageStartingWith("Trace jobs.csv has 5 problems in 3 of 4 rows (by column: duration_seconds 1,"
                        + " gpus 2, group 1, submit_seconds 1): jobs.csv:3 submit_seconds: must be >= 0 (value: -5);"
                        + " jobs.csv:4 group: is empty.")
                .hasMessageEndingWith("; jobs.csv:5 duration_seconds: must be > 0 (value: 0)");
    }

    @Test
    void aRowNeedsExactlyOneOfDurationAndWork() {
        String csv = "submit_seconds,group,gpus,duration_seconds,work_gpu_hours\n0,a,1,,\n0,a,1,10,2\n";

        assertThatThrownBy(() -> read(csv))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::describe)
                                .containsExactly(
                                        "jobs.csv:2 duration_seconds: is missing (and so is work_gpu_hours). Maybe give exactly one of"
                                                + " duration_seconds and work_gpu_hours?",
                                        "jobs.csv:3 work_gpu_hours: is given together with duration_seconds. Maybe give exactly one"
                                                + " of duration_seconds and work_gpu_hours?"));
    }

    @Test
    void unknownColumnsAreIgnoredAndAMissingOneIsNamedInTheHeader() {
        assertThat(read("submit,group,gpus,duration_seconds,cluster\n0,a,1,60,x\n")
                        .jobs())
                .singleElement()
                .extracting(TraceJob::referenceSeconds)
                .isEqualTo(60.0);
        assertThatThrownBy(() -> read("submit_seconds,group,duration_seconds,num_gpu\n"))
                .hasMessage("Trace jobs.csv has 1 problem in 0 of 0 rows (by column: header 1): jobs.csv:1 header:"
                        + " column is missing (value: gpus). Maybe map it with --columns NAME=COLUMN, e.g. one of"
                        + " [num_gpu]?");
        assertThatThrownBy(() -> read("# only a comment\n"))
                .hasMessage("Trace jobs.csv has no header row. Maybe start it with:"
                        + " submit_seconds,group,gpus,duration_seconds");
    }
}
