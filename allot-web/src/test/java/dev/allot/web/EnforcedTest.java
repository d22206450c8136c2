package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Enforcements;
import dev.allot.core.model.CycleId;
import dev.allot.store.EnforcementRun;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnforcedTest {
    private static final CycleId CYCLE = CycleId.of("2027-01");

    @Test
    void theLatestApplySaysWhereWhenHowManyChangesAndTheDriftFoundSince() {
        EnforcementRun applied = run(1, "apply", "2027-01-04T10:42:00Z", 37, null, 0);
        EnforcementRun drift = run(2, "drift", "2027-01-05T08:00:00Z", null, 0, 0);

        assertThat(Enforced.describe(new Enforcements.Latest(applied, Optional.of(drift))))
                .isEqualTo(" · applied to slurm/cluster-a at 2027-01-04 10:42 UTC, 37 changes, 0 drift since");
    }

    @Test
    void anApplyWithErrorsAndNoLaterDriftCheckSaysSo() {
        EnforcementRun applied = run(1, "apply", "2027-01-04T10:42:00Z", 12, null, 2);

        assertThat(Enforced.describe(new Enforcements.Latest(applied, Optional.empty())))
                .isEqualTo(" · applied to slurm/cluster-a at 2027-01-04 10:42 UTC, 12 changes, 2 error(s),"
                        + " no drift check since");
    }

    private static EnforcementRun run(long id, String mode, String at, Integer changes, Integer drift, int errors) {
        return new EnforcementRun(
                id, CYCLE, 1, Instant.parse(at), "ops", "slurm", "cluster-a", mode, changes, drift, errors, "");
    }
}
