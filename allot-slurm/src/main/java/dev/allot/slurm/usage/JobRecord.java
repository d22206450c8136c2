package dev.allot.slurm.usage;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One job as sacct reports it.
 *
 * @param start when it started, empty if it never ran
 * @param end when it ended, empty while it runs
 * @param gpus allocated GPUs per Slurm GPU type name ({@code h100}); untyped GPUs under {@code ""}
 */
public record JobRecord(
        String jobId,
        String account,
        String state,
        Optional<LocalDateTime> start,
        Optional<LocalDateTime> end,
        Map<String, Integer> gpus) {
    public JobRecord {
        gpus = java.util.Collections.unmodifiableMap(new TreeMap<>(gpus));
    }
}
