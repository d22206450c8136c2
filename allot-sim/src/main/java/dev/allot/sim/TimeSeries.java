package dev.allot.sim;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import java.util.Map;

/**
 * A run over time in equal buckets (the last one may be shorter).
 *
 * @param utilisationByType fraction of the type's GPUs busy, averaged per bucket
 * @param busyEffectiveGpusByCategory effective GPUs (GPUs x relative speed) in use, averaged per bucket
 * @param pendingGpusByCategory GPUs requested by waiting jobs, averaged per bucket
 */
public record TimeSeries(
        double bucketSeconds,
        Map<GpuTypeId, double[]> utilisationByType,
        Map<CategoryId, double[]> busyEffectiveGpusByCategory,
        Map<CategoryId, double[]> pendingGpusByCategory) {}
