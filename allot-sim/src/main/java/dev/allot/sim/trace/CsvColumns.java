package dev.allot.sim.trace;

import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each canonical column of the neutral CSV format sits in a trace's header row: by the name given in a column
 * mapping ({@code submit=submit_time,gpus=num_gpu}), else by its canonical name (case-insensitive). Columns nobody
 * asked for are ignored, so real traces with many more columns can be read as they are.
 */
final class CsvColumns {
    static final List<String> CANONICAL = List.of(
            "submit_seconds", "group", "gpus", "duration_seconds", "work_gpu_hours", "gpu_types", "priority", "id");

    /** Short names accepted as mapping keys and header names. */
    private static final Map<String, String> ALIASES = Map.of(
            "submit", "submit_seconds",
            "project", "group",
            "duration", "duration_seconds",
            "work", "work_gpu_hours",
            "gpu_type", "gpu_types",
            "types", "gpu_types");

    private final Map<String, Integer> indexOf = new HashMap<>();

    private CsvColumns() {}

    /** Resolves the header; every problem of the header and the mapping is added to {@code problems}. */
    static CsvColumns resolve(String source, List<String> header, Map<String, String> mapping, List<Problem> problems) {
        CsvColumns columns = new CsvColumns();
        Map<String, Integer> headerIndex = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            headerIndex.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        mapping.forEach((key, headerName) -> {
            String canonical = canonical(key);
            if (canonical == null) {
                problems.add(Problem.of("columns " + key, headerName, "names no column of the trace format")
                        .withHint("Maybe one of " + CANONICAL + "?"));
            } else {
                wanted.put(canonical, headerName.strip());
            }
        });
        for (String canonical : CANONICAL) {
            String headerName = wanted.get(canonical);
            Integer index = headerName != null
                    ? headerIndex.get(headerName.toLowerCase(Locale.ROOT))
                    : byCanonicalName(canonical, headerIndex);
            if (headerName != null && index == null) {
                problems.add(Problem.of(source + " header", headerName, "is not a column of the header row")
                        .withHint("Maybe one of " + header + "?"));
            }
            if (index != null) {
                columns.indexOf.put(canonical, index);
            }
        }
        columns.requireColumns(source, header, problems);
        return columns;
    }

    private static Integer byCanonicalName(String canonical, Map<String, Integer> headerIndex) {
        Integer index = headerIndex.get(canonical);
        if (index == null) {
            for (var alias : ALIASES.entrySet()) {
                if (alias.getValue().equals(canonical) && headerIndex.containsKey(alias.getKey())) {
                    return headerIndex.get(alias.getKey());
                }
            }
        }
        return index;
    }

    private void requireColumns(String source, List<String> header, List<Problem> problems) {
        Set<String> unused = new TreeSet<>(header);
        indexOf.values().forEach(i -> unused.remove(header.get(i)));
        String hint = "Maybe map it with --columns NAME=COLUMN, e.g. one of " + unused + "?";
        for (String required : List.of("submit_seconds", "group", "gpus")) {
            if (!indexOf.containsKey(required)) {
                problems.add(Problem.of(source + " header", required, "column is missing")
                        .withHint(hint));
            }
        }
        if (!indexOf.containsKey("duration_seconds") && !indexOf.containsKey("work_gpu_hours")) {
            problems.add(
                    Problem.of(source + " header", "duration_seconds", "column is missing (and so is work_gpu_hours)")
                            .withHint(hint));
        }
    }

    static String canonical(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return CANONICAL.contains(lower) ? lower : ALIASES.get(lower);
    }

    /** The cell of a canonical column, stripped; empty when the column is absent or the row is short. */
    String cell(List<String> cells, String canonical) {
        Integer index = indexOf.get(canonical);
        return index == null || index >= cells.size() ? "" : cells.get(index).strip();
    }

    boolean has(String canonical) {
        return indexOf.containsKey(canonical);
    }

    static List<String> values(Iterable<String> record) {
        List<String> cells = new ArrayList<>();
        record.forEach(cells::add);
        return cells;
    }
}
