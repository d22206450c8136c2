package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller stops a solve through its listener: promptly, with no plan. */
class CancelledSolveTest {
    /**
     * Proven exactly (gap 0), this lab takes the planner several seconds here, far longer than the cancel below (300
     * projects no longer did: whole grants prove them within the 400 ms).
     */
    private static final Lab SLOW = RandomLabs.shaped(7, 1_200, 3);

    private static final PlannerOptions EXACT =
            PlannerOptions.defaults().withRelativeGap(0).withExplain(false).withTimeLimit(Duration.ofSeconds(60));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scip", "cp-sat"})
    void aSolveCancelledWhileTheEngineSearchesStopsWithinTwoSecondsWithNoPlan(String engine) {
        CancelAfter listener = new CancelAfter(Duration.ofMillis(400));

        AllotException stopped = catchThrowableOfType(
                AllotException.class,
                () -> Planner.create(EXACT.withEngine(engine)).plan(SLOW, listener));

        assertThat(stopped)
                .as("the solve ended before the cancel; pick a slower lab")
                .isNotNull();
        assertThat(stopped.code()).isEqualTo("solve-cancelled");
        // SCIP stops within a poll; CP-SAT's presolve looks at its stop flag less often (about 1 s on 2 busy cores).
        assertThat(listener.secondsSinceCancel()).isLessThan(2.0);
    }

    @Test
    void aSolveCancelledBeforeItStartsMakesNoPlanAndAsksTheListenerOnly() {
        AtomicInteger progress = new AtomicInteger();
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void onProgress(Duration elapsed, double objective, double bound) {
                progress.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };

        AllotException stopped = catchThrowableOfType(
                AllotException.class,
                () -> Planner.create(PlannerOptions.defaults()).plan(RandomLabs.tiny(3), cancelled));

        assertThat(stopped.code()).isEqualTo("solve-cancelled");
    }

    @Test
    void aListenerThatNeverCancelsGetsThePlanAsWithout() {
        Lab lab = RandomLabs.tiny(5);
        Planner planner = Planner.create(PlannerOptions.defaults());

        assertThat(planner.plan(lab, (elapsed, objective, bound) -> {}).projects())
                .isEqualTo(planner.plan(lab).projects());
    }

    /** Cancels once {@code after} has passed since it was made. */
    private static final class CancelAfter implements ProgressListener {
        private final long deadline;

        CancelAfter(Duration after) {
            this.deadline = System.nanoTime() + after.toNanos();
        }

        @Override
        public void onProgress(Duration elapsed, double objective, double bound) {}

        @Override
        public boolean cancelled() {
            return System.nanoTime() >= deadline;
        }

        double secondsSinceCancel() {
            return (System.nanoTime() - deadline) / 1e9;
        }
    }
}
