package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JobQueue#skipLarger} passes blocks of queue slots at a time (from the middle of a block, and ending an
 * allowance inside one); it must pass exactly the jobs, and leave the walk exactly where, a walk one job at a time
 * would. Walks with random starts (removals), arrivals and skips are compared with a plain list.
 */
class JobQueueSkipTest {
    private static final int[] SIZES = {1, 1, 1, 2, 4, 8, 8, 16};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void skippingLargerJobsPassesWhatAWalkOneByOneWouldPass(long seed) {
        Random random = new Random(seed);
        int jobs = 20_000;
        int[] gpus = new int[jobs];
        for (int j = 0; j < jobs; j++) {
            gpus[j] = SIZES[random.nextInt(SIZES.length)];
        }
        JobQueue queue = new JobQueue(new int[jobs], gpus);
        List<Integer> pending = new ArrayList<>();
        int arrived = 0;
        long skipsChecked = 0;
        while (arrived < jobs) {
            int arriving = Math.min(jobs - arrived, random.nextInt(300));
            for (int i = 0; i < arriving; i++, arrived++) {
                queue.add(arrived);
                pending.add(arrived);
            }
            // a pass: small jobs start (leave the queue) often, large ones rarely; sometimes a skip
            queue.rewind();
            int at = 0;
            double startSmall = random.nextDouble();
            while (true) {
                if (random.nextInt(4) == 0) {
                    int limit = random.nextInt(17);
                    int most = 1 + random.nextInt(300);
                    int expected = 0;
                    while (at < pending.size() && expected < most && gpus[pending.get(at)] > limit) {
                        at++;
                        expected++;
                    }
                    assertThat(queue.skipLarger(limit, most)).isEqualTo(expected);
                    skipsChecked++;
                }
                int job = queue.next();
                assertThat(job).isEqualTo(at < pending.size() ? pending.get(at) : -1);
                if (job < 0) {
                    break;
                }
                double startChance = gpus[job] <= 2 ? startSmall : 0.02;
                if (random.nextDouble() < startChance) {
                    queue.removeCurrent();
                    pending.remove(at);
                } else {
                    at++;
                }
            }
            assertThat(queue.size()).isEqualTo(pending.size());
        }
        assertThat(skipsChecked).isGreaterThan(1000);
    }
}
