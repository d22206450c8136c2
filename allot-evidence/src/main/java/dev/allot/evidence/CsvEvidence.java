package dev.allot.evidence;

import dev.allot.core.model.ProjectId;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads evidence from CSV: one measurement per row, a header naming the columns (any order, case-insensitive).
 *
 * <p>Required: {@code metric}, {@code compute}, {@code compute_unit} ({@code gpu-hours} or {@code flop}),
 * {@code value}. Optional: {@code direction} ({@code lower} or {@code higher}; from the metric's name when empty),
 * {@code visibility} ({@code public} or {@code private}; public when empty), {@code unit}, {@code stderr},
 * {@code parameters} (N), {@code tokens} (D). Rows of the same metric and compute unit form one series.
 */
final class CsvEvidence {
    static final Set<String> REQUIRED = Set.of("metric", "compute", "compute_unit", "value");
    static final List<String> KNOWN = List.of(
            "metric",
            "compute",
            "compute_unit",
            "value",
            "direction",
            "visibility",
            "unit",
            "stderr",
            "parameters",
            "tokens");

    private CsvEvidence() {}

    static List<EvidenceSeries> read(String text, String source, ProjectId project) {
        ImportProblems problems = new ImportProblems(source);
        List<CSVRecord> records;
        Map<String, Integer> header;
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(new StringReader(text))) {
            header = parser.getHeaderMap();
            records = parser.getRecords();
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add("file", "", "is not readable CSV: " + e.getMessage(), "Maybe a quote is not closed?");
            problems.throwIfAny();
            return List.of();
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        header.forEach((name, index) -> columns.put(name.toLowerCase(Locale.ROOT), index));
        for (String required : REQUIRED.stream().sorted().toList()) {
            if (!columns.containsKey(required)) {
                problems.add(
                        "line 1 (header)",
                        String.join(",", header.keySet()),
                        "has no column '" + required + "'",
                        "Maybe name the columns " + String.join(", ", KNOWN) + "?");
            }
        }
        columns.keySet().stream()
                .filter(name -> !KNOWN.contains(name))
                .forEach(name -> problems.add(
                        "line 1 (header)",
                        name,
                        "is not a known column",
                        "Maybe one of " + String.join(", ", KNOWN) + "?"));
        if (!problems.isEmpty()) {
            problems.throwIfAny();
        }
        if (records.isEmpty()) {
            problems.add("file", "", "has a header but no measurements", "Maybe the rows are missing?");
        }
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        for (CSVRecord record : records) {
            new CsvRow(record, columns, problems).addTo(series, project, source);
        }
        problems.throwIfAny();
        List<EvidenceSeries> result = new ArrayList<>();
        series.values().forEach(builder -> result.add(builder.build()));
        return result;
    }

    /** The points of one series as they are read, with the metric's attributes checked to agree row by row. */
    static final class SeriesBuilder {
        final ProjectId project;
        final Metric metric;
        final ComputeUnit unit;
        final String source;
        final List<EvidencePoint> points = new ArrayList<>();

        SeriesBuilder(ProjectId project, Metric metric, ComputeUnit unit, String source) {
            this.project = project;
            this.metric = metric;
            this.unit = unit;
            this.source = source;
        }

        EvidenceSeries build() {
            return new EvidenceSeries(project, metric, unit, source, points);
        }
    }

    static OptionalDouble optionalNumber(String text) {
        return text == null || text.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(text));
    }
}
