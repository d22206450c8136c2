package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HighWaterCacheTest {
    private final AtomicInteger computed = new AtomicInteger();

    private String compute() {
        return "value " + computed.incrementAndGet();
    }

    @Test
    void aValueIsComputedOncePerHighWaterMarkAndKey() {
        HighWaterCache<String> cache = new HighWaterCache<>(4);

        String first = cache.get("2027-01", 7, this::compute);
        String again = cache.get("2027-01", 7, this::compute);
        String otherKey = cache.get("2027-02", 7, this::compute);
        String afterAChange = cache.get("2027-01", 8, this::compute);

        assertThat(first).isEqualTo("value 1").isSameAs(again);
        assertThat(otherKey).isEqualTo("value 2");
        assertThat(afterAChange).isEqualTo("value 3");
        assertThat(cache.get("2027-01", 8, this::compute)).isSameAs(afterAChange);
    }

    @Test
    void aKeyBeyondTheCapacityPushesOutOnlyTheLeastRecentlyUsed() {
        HighWaterCache<String> cache = new HighWaterCache<>(64);
        for (int key = 1; key <= 65; key++) {
            cache.get("project-" + key, 1, this::compute);
        }

        for (int key = 2; key <= 65; key++) {
            assertThat(cache.get("project-" + key, 1, this::compute)).isEqualTo("value " + key);
        }
        assertThat(computed).hasValue(65);
        assertThat(cache.get("project-1", 1, this::compute)).isEqualTo("value 66");
    }

    @Test
    void aValueReadRecentlyOutlivesOneWrittenLater() {
        HighWaterCache<String> cache = new HighWaterCache<>(2);
        cache.get("a", 1, this::compute);
        cache.get("b", 1, this::compute);
        cache.get("a", 1, this::compute);
        cache.get("c", 1, this::compute);

        assertThat(cache.get("a", 1, this::compute)).isEqualTo("value 1");
        assertThat(cache.get("c", 1, this::compute)).isEqualTo("value 3");
        assertThat(cache.get("b", 1, this::compute)).isEqualTo("value 4");
    }
}
