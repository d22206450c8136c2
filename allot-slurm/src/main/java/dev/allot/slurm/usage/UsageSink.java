package dev.allot.slurm.usage;

import java.time.LocalDate;
import java.util.List;

/** Where imported usage goes. Writing a record whose key exists replaces it (idempotent re-import). */
public interface UsageSink {
    void upsert(List<UsageRecord> records);

    /** Records with {@code from <= day < toExclusive}, ordered by day, project, GPU type. */
    List<UsageRecord> read(LocalDate from, LocalDate toExclusive);
}
