package dev.allot.sim;

/**
 * A category relation of the lab policy (e.g. {@code exploratory >= product}) checked on effective GPUs in use,
 * bucket by bucket.
 *
 * @param buckets buckets in which either side used GPUs
 * @param bucketsHeld buckets in which the relation held
 * @param bucketsBrokenWhileWanted buckets in which it did not hold although the left side had jobs waiting (the
 *     breaks that matter: a side without demand cannot be blamed on the sharing policy)
 */
public record RelationCheck(String relation, int buckets, int bucketsHeld, int bucketsBrokenWhileWanted) {}
