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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Usage in one CSV file ({@code usage.csv}: {@code project,gpu_type,day,gpu_hours}, RFC 4180 through Commons CSV,
 * so a field with a comma or a quote is quoted) under a directory. Upserts rewrite the file through a temporary file
 * and an atomic move, so a crash never leaves it half-written.
 */
public final class CsvUsageSink implements UsageSink {
    static final String HEADER = "project,gpu_type,day,gpu_hours";
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

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
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
            printer.printRecord((Object[]) HEADER.split(","));
            for (UsageRecord record : all.values()) {
                printer.printRecord(
                        record.project().value(),
                        record.gpuType().value(),
                        record.day(),
                        String.format(Locale.ROOT, "%.4f", record.gpuHours()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
        }
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
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            boolean header = true;
            for (CSVRecord row : parser) {
                if (header) {
                    header = false;
                } else if (!(row.size() == 1 && row.get(0).isBlank())) {
                    UsageRecord record = parse(row);
                    records.put(record.key(), record);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "usage.csv.invalid",
                    "Could not read " + file + ": " + e.getMessage() + ". Maybe the file was edited by hand?",
                    List.of(),
                    e);
        }
        return records;
    }

    private UsageRecord parse(CSVRecord row) {
        String where = file + " line " + row.getRecordNumber();
        if (row.size() != 4 || row.get(0).isBlank() || row.get(1).isBlank()) {
            throw AllotException.invalid(
                    "usage.csv.invalid",
                    where + ": expected '" + HEADER + "', got '" + String.join(",", row.values())
                            + "'. Maybe the file was edited by hand?");
        }
        try {
            return new UsageRecord(
                    ProjectId.of(row.get(0)),
                    GpuTypeId.of(row.get(1)),
                    LocalDate.parse(row.get(2)),
                    Double.parseDouble(row.get(3)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw AllotException.invalid(
                    "usage.csv.invalid",
                    where + ": day '" + row.get(2) + "' or gpu_hours '" + row.get(3) + "' is not valid ("
                            + e.getMessage() + "). Maybe the file was edited by hand?");
        }
    }

    /** All records, for reports. */
    public List<UsageRecord> readAllRecords() {
        return new ArrayList<>(readAll().values());
    }
}
