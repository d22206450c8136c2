package dev.allot.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values derived from the store (evidence fits, a page's rows), kept while the audit log's high-water mark stays where
 * it was: every change to stored data moves the mark (also when another server made it), so a kept value is never
 * stale. At most {@code capacity} keys are kept; a new key beyond them pushes out the one used least recently, so many
 * people browsing many projects do not wipe each other's values. Safe to share between threads; a value is computed
 * outside the lock, so two threads missing the same key at once may both compute it.
 */
public final class HighWaterCache<V> {
    private record Kept<V>(long highWater, V value) {}

    private final Map<String, Kept<V>> entries;

    public HighWaterCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = Collections.synchronizedMap(new LinkedHashMap<String, Kept<V>>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept<V>> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The value kept for {@code key} at {@code highWater}, or {@code compute}'s, kept from now on. */
    public V get(String key, long highWater, Supplier<V> compute) {
        Kept<V> kept = entries.get(key);
        if (kept != null && kept.highWater() == highWater) {
            return kept.value();
        }
        V fresh = compute.get();
        entries.put(key, new Kept<>(highWater, fresh));
        return fresh;
    }
}
