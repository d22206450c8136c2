package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the engines do at their time limit, as the planner reports it (docs/planner.md, "Solving"). */
class EngineLimitsTest {
    /** Proven exactly (gap 0), this lab takes the engines several seconds, longer than the limits below. */
    private static final Lab SLOW = RandomLabs.shaped(7, 300, 3);

    private static final PlannerOptions EXACT =
            PlannerOptions.defaults().withRelativeGap(0).withExplain(false);

    @Test
    void highsStoppedByItsTimeLimitGivesAClearProblemNotAnEnumError() {
        // HiGHS returns status 99 at its time limit, which OR-Tools' Java enum lacks (it threw
        // IllegalArgumentException)
        AllotException stopped = catchThrowableOfType(
                AllotException.class,
                () -> Planner.create(EXACT.withEngine("highs").withTimeLimit(Duration.ofMillis(500)))
                        .plan(SLOW));

        assertThat(stopped)
                .as("HiGHS proved the lab within the limit; pick a slower lab")
                .isNotNull();
        assertThat(stopped.code()).isEqualTo("engine-status-unreadable");
        assertThat(stopped.getMessage()).contains("highs engine", "(99)", "time limit 0.5 s", "--time-limit", "scip");
    }

    @Test
    void anUnmappedStatusNamesTheEngineAndTheStatus() {
        AllotException problem = MipEngine.unreadableStatus(
                "HIGHS",
                PlannerOptions.defaults().withTimeLimit(Duration.ofSeconds(20)),
                new IllegalArgumentException("No enum class MPSolver$ResultStatus with value 99"));

        assertThat(problem.code()).isEqualTo("engine-status-unreadable");
        assertThat(problem.getMessage()).startsWith("The highs engine stopped with a result status (99)");
        assertThat(problem.getMessage()).contains("time limit 20.0 s");
    }

    /**
     * CBC counts its limit in CPU seconds (OR-Tools passes it no wall-clock limit and cannot interrupt it), so on a
     * busy machine it runs longer in wall time; the CPU time of the solving thread stays near the limit.
     */
    @Test
    void cbcKeepsItsTimeLimitInCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Planner.create(EXACT.withEngine("cbc").withTimeLimit(Duration.ofSeconds(60)))
                .plan(RandomLabs.shaped(1, 10, 2)); // loads the native libraries before measuring
        long before = threads.getCurrentThreadCpuTime();

        catchThrowableOfType(
                AllotException.class,
                () -> Planner.create(EXACT.withEngine("cbc").withTimeLimit(Duration.ofSeconds(1)))
                        .plan(SLOW));

        double cpuSeconds = (threads.getCurrentThreadCpuTime() - before) / 1e9;
        // 1 s of search, plus writing the model and reading the plan
        assertThat(cpuSeconds).isLessThan(3.0);
    }
}
