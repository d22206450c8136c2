package dev.allot.slurm.usage;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage in one CSV file ({@code usage.csv}: {@code project,gpu_type,day,gpu_hours}) under a directory. Upserts
 * rewrite the file through a temporary file and an atomic move, so a crash never leaves it half-written.
 */
public final class CsvUsageSink implements UsageSink {
    static final String HEADER = "project,gpu_type,day,gpu_hours";

    private final Path file;

    public CsvUsageSink(Path directory) {
        this.file = directory.resolve("usage.csv");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void upsert(List<UsageRecord> records) {
        Map<UsageRecord.Key, UsageRecord> all = readAll();
        records.forEach(record -> all.put(record.key(), record));
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        all.values()
                .forEach(record -> text.append(record.project().value())
                        .append(',')
                        .append(record.gpuType().value())
                        .append(',')
                        .append(record.day())
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.4f", record.gpuHours()))
                        .append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "usage-", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "usage.io",
                    "Could not write " + file + ": " + e.getMessage() + ". Maybe the directory is not writable?",
                    List.of(),
                    e);
        }
    }

    @Override
    public List<UsageRecord> read(LocalDate from, LocalDate toExclusive) {
        return readAll().values().stream()
                .filter(record -> !record.day().isBefore(from) && record.day().isBefore(toExclusive))
                .toList();
    }

    private Map<UsageRecord.Key, UsageRecord> readAll() {
        Map<UsageRecord.Key, UsageRecord> records = new TreeMap<>();
        if (!Files.exists(file)) {
            return records;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "usage.io",
                    "Could not read " + file + ": " + e.getMessage(),
                    List.of(),
                    e);
        }
        for (int index = 1; index < lines.size(); index++) {
            if (!lines.get(index).isBlank()) {
                UsageRecord record = parse(lines.get(index), index + 1);
                records.put(record.key(), record);
            }
        }
        return records;
    }

    private UsageRecord parse(String line, int number) {
        String[] fields = line.split(",", -1);
        String where = file + " line " + number;
        if (fields.length != 4 || fields[0].isBlank() || fields[1].isBlank()) {
            throw AllotException.invalid(
                    "usage.csv.invalid",
                    where + ": expected '" + HEADER + "', got '" + line + "'. Maybe the file was edited by hand?");
        }
        try {
            return new UsageRecord(
                    ProjectId.of(fields[0]),
                    GpuTypeId.of(fields[1]),
                    LocalDate.parse(fields[2]),
                    Double.parseDouble(fields[3]));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw AllotException.invalid(
                    "usage.csv.invalid",
                    where + ": day '" + fields[2] + "' or gpu_hours '" + fields[3] + "' is not valid (" + e.getMessage()
                            + "). Maybe the file was edited by hand?");
        }
    }

    /** All records, for reports. */
    public List<UsageRecord> readAllRecords() {
        return new ArrayList<>(readAll().values());
    }
}
