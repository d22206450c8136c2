package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The running total of decayed usage stays within its stated error,. */
class FairShareUsageTest {
    @Test
    void runningTotalStaysWithinOneBillionthOfTheExactSumWheneverItIsOffered() {
        SplittableRandom random = new SplittableRandom(5);
        FairShareUsage usage = new FairShareUsage(180, 7 * 86_400);
        double now = 0;
        int offered = 0;
        for (int change = 0; change < 200_000; change++) {
            now += random.nextDouble() * 60;
            int project = random.nextInt(180);
            usage.change(project, now, (random.nextInt(17) - 8) * (random.nextBoolean() ? 1.4 : 0.3));
            double at = now + random.nextDouble() * 30;
            double approximate = usage.approximateTotalAt(at);
            if (!Double.isNaN(approximate)) {
                offered++;
                double exact = usage.totalAt(at);
                assertThat(Math.abs(approximate - exact)).isLessThanOrEqualTo(1e-9 * exact);
            }
        }
        assertThat(offered).as("offered once usage settles").isGreaterThan(150_000);
    }
}
