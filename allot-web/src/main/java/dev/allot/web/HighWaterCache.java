package dev.allot.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values a page derives from the store, kept while the audit log's high-water mark stays where it was: every change
 * to stored data moves the mark (also when another server made it), so a kept value is never stale. Small: a page
 * keeps a few keys (a cycle, a role's view), and the whole cache is dropped when it outgrows {@code capacity}.
 */
final class HighWaterCache<V> {
    private record Entry<V>(long highWater, V value) {}

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;

    HighWaterCache(int capacity) {
        this.capacity = capacity;
    }

    /** The value kept for {@code key} at {@code highWater}, or {@code compute}'s, kept from now on. */
    V get(String key, long highWater, Supplier<V> compute) {
        Entry<V> kept = entries.get(key);
        if (kept != null && kept.highWater() == highWater) {
            return kept.value();
        }
        V fresh = compute.get();
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(key, new Entry<>(highWater, fresh));
        return fresh;
    }
}
