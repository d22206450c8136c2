package dev.allot.kueue;

/** How {@link KueueCluster} writes an object that exists but differs from the plan. */
public enum ApplyMode {
    /**
     * Server-side apply under Allot's field manager, forcing conflicts: the API server merges the planned fields and
     * records Allot as their owner. The default, for every cluster since Kubernetes 1.22.
     */
    SERVER_SIDE,
    /**
     * Read, overlay the planned spec, labels and annotations, and replace (PUT, guarded by the resource version). For
     * API servers without server-side apply, such as fabric8's mock server in CRUD mode.
     */
    REPLACE
}
