package dev.allot.application;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.store.UsageDay;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A usage CSV ({@code project,gpu_type,date,gpu_hours}, RFC 4180, header first; docs/kueue.md): every row is checked
 * and every bad one reported with its line and field, so a file is taken whole or not at all.
 */
final class UsageCsv {
    static final List<String> HEADER = List.of("project", "gpu_type", "date", "gpu_hours");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    /** The rows read, or the problems found (one per bad field, in file order). */
    record Read(List<UsageDay> days, List<Problem> problems) {}

    private UsageCsv() {}

    static Read read(String text, Set<String> projects, Set<String> types) {
        List<UsageDay> days = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            boolean header = true;
            for (CSVRecord row : parser) {
                String line = "line " + parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    if (!HEADER.equals(row.toList())) {
                        problems.add(new Problem(
                                ErrorCode.USAGE_CSV.code(),
                                line,
                                String.join(",", row.values()),
                                "the header must be " + String.join(",", HEADER),
                                "Maybe add that header line?"));
                        return new Read(List.of(), problems);
                    }
                    continue;
                }
                row(row, line, projects, types, problems, seen).ifPresent(days::add);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new Problem(
                    ErrorCode.USAGE_CSV.code(), "", "", "is not valid CSV: " + e.getMessage(), "Maybe quote fields?"));
        }
        if (days.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(ErrorCode.USAGE_CSV.code(), "", "", "has no usage rows", "Maybe the wrong file?"));
        }
        return new Read(problems.isEmpty() ? days : List.of(), problems);
    }

    private static java.util.Optional<UsageDay> row(
            CSVRecord row,
            String line,
            Set<String> projects,
            Set<String> types,
            List<Problem> problems,
            Map<String, String> seen) {
        if (row.size() != HEADER.size()) {
            problems.add(invalid(
                    line,
                    String.join(",", row.values()),
                    "has " + row.size() + " fields, not 4",
                    "Maybe a stray comma?"));
            return java.util.Optional.empty();
        }
        int before = problems.size();
        String project = row.get(0);
        if (!projects.contains(project)) {
            problems.add(invalid(line + ".project", project, "is not a project of the lab", "Maybe a typo?"));
        }
        String type = row.get(1);
        if (!types.contains(type)) {
            problems.add(invalid(line + ".gpu_type", type, "is not a GPU type of the lab", "Maybe " + types + "?"));
        }
        LocalDate date = null;
        try {
            date = LocalDate.parse(row.get(2));
        } catch (DateTimeParseException e) {
            problems.add(invalid(line + ".date", row.get(2), "is not a date like 2026-12-01", ""));
        }
        double hours = Double.NaN;
        try {
            hours = Double.parseDouble(row.get(3));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!(hours >= 0 && hours <= 24 * 100_000.0)) {
            problems.add(invalid(line + ".gpu_hours", row.get(3), "is not a number of GPU-hours >= 0", "Maybe 96.5?"));
        }
        String earlier = seen.putIfAbsent(project + "," + type + "," + row.get(2), line);
        if (earlier != null) {
            problems.add(invalid(
                    line, String.join(",", row.values()), "repeats the project, type and date of " + earlier, ""));
        }
        if (problems.size() > before) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new UsageDay(new ProjectId(project), new GpuTypeId(type), date, hours));
    }

    private static Problem invalid(String path, String value, String reason, String hint) {
        return new Problem(ErrorCode.USAGE_CSV_INVALID.code(), path, value, reason, hint);
    }
}
