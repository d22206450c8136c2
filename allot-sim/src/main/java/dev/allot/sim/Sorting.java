package dev.allot.sim;

/** Allocation-free sorting of small index arrays by a parallel key array (ties: smaller index first). */
final class Sorting {
    private Sorting() {}

    /** As {@link #byKey(int[], double[], int)}, moving {@code flags[0..count)} along unless {@code flags} is null. */
    static void byKey(int[] items, double[] keys, boolean[] flags, int count) {
        for (int gap = count / 2; gap > 0; gap = gap == 2 ? 1 : (int) (gap / 2.2)) {
            for (int i = gap; i < count; i++) {
                int item = items[i];
                double key = keys[i];
                boolean flag = flags != null && flags[i];
                int j = i;
                while (j >= gap && (keys[j - gap] > key || (keys[j - gap] == key && items[j - gap] > item))) {
                    items[j] = items[j - gap];
                    keys[j] = keys[j - gap];
                    if (flags != null) {
                        flags[j] = flags[j - gap];
                    }
                    j -= gap;
                }
                items[j] = item;
                keys[j] = key;
                if (flags != null) {
                    flags[j] = flag;
                }
            }
        }
    }

    /** Sorts {@code items[0..count)} and {@code keys[0..count)} together, ascending by (key, item). Shell sort. */
    static void byKey(int[] items, double[] keys, int count) {
        byKey(items, keys, null, count);
    }
}
