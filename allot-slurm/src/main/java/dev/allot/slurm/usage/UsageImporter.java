package dev.allot.slurm.usage;

import dev.allot.slurm.SlurmCli;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** Reads finished and running jobs from {@code sacct} and stores GPU-hours per project, GPU type and day. */
public final class UsageImporter {
    private final SlurmCli cli;
    private final UsageAggregator aggregator;
    private final UsageSink sink;

    public UsageImporter(SlurmCli cli, UsageAggregator aggregator, UsageSink sink) {
        this.cli = cli;
        this.aggregator = aggregator;
        this.sink = sink;
    }

    /** Imports whole days {@code from <= day < toExclusive} for one cluster; returns what was written. */
    public List<UsageRecord> importDays(String cluster, LocalDate from, LocalDate toExclusive, LocalDateTime now) {
        SlurmCli.Result result = SlurmCli.require(cli.run(
                List.of(
                        "sacct",
                        "-a",
                        "-X",
                        "-n",
                        "-P",
                        "-M",
                        cluster,
                        "-S",
                        from.atStartOfDay().toString(),
                        "-E",
                        toExclusive.atStartOfDay().toString(),
                        "-o",
                        SacctParser.FORMAT),
                ""));
        List<UsageRecord> records = aggregator.aggregate(SacctParser.parse(result.stdout()), from, toExclusive, now);
        sink.upsert(records);
        return records;
    }
}
