package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSummaryTest {
    private static AccountLimits h100(long gpus, long jobs) {
        return new AccountLimits(Map.of("gres/gpu:h100", gpus), jobs);
    }

    @Test
    void eachAccountCountsOnceUnderItsStrongestChange() {
        List<Change> changes = List.of(
                new Change.SetLimits("shrinks", h100(16, -1), h100(8, -1)),
                new Change.SetLimits("grows", h100(8, -1), h100(16, -1)),
                new Change.AddUsers("grows", java.util.Set.of("alice")),
                new Change.SetLimits("killed", h100(8, -1), h100(0, 0)),
                new Change.AddUsers("members-only", java.util.Set.of("bob")));

        String summary = ChangeSummary.of(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(summary)
                .isEqualTo("will change 4 association(s) on cluster ci: 1 lower, 1 raise, 1 hold, 1 other (users,"
                        + " QOS, parent)");
    }

    @Test
    void noChangeSaysSo() {
        assertThat(ChangeSummary.of(new ChangeSet("ci", List.of(), List.of(), List.of())))
                .isEqualTo("will change nothing on cluster ci");
    }
}
