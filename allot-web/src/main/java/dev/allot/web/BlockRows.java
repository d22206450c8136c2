package dev.allot.web;

import dev.allot.core.Problem;
import dev.allot.core.model.Block;
import dev.allot.core.rules.BlockRules;
import dev.allot.core.rules.Limits;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reserved blocks part of the ask form: one row of fields per block, and a blank row to add one. A row left
 * blank is no block, so clearing a row removes its block. Messages are named {@code blocks[i].field} after the row.
 */
final class BlockRows {
    /** One row as typed (kept as text so that a refused form comes back exactly as it was sent). */
    record Row(String gpuType, String gpus, String days, String earliestStart, String latestEnd) {
        static final Row BLANK = new Row("", "", "", "", "");

        boolean blank() {
            return gpuType.isEmpty()
                    && gpus.isEmpty()
                    && days.isEmpty()
                    && earliestStart.isEmpty()
                    && latestEnd.isEmpty();
        }
    }

    /** Rows at most: a project asks for a few big runs a cycle, not dozens. */
    static final int MAX_ROWS = 20;

    private BlockRows() {}

    /** The stored blocks as rows, and a blank row to add one. */
    static List<Row> of(List<Block> blocks) {
        List<Row> rows = new ArrayList<>();
        blocks.forEach(block -> rows.add(new Row(
                block.gpuType().value(),
                String.valueOf(block.gpus()),
                String.valueOf(block.days()),
                block.earliestStart().toString(),
                block.latestEnd().toString())));
        rows.add(Row.BLANK);
        return rows;
    }

    /** The rows as submitted (blank ones too, so messages keep their row numbers). */
    static List<Row> read(Context ctx) {
        List<String> types = ctx.formParams("blockGpuType");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(types.size(), MAX_ROWS); i++) {
            int row = i;
            Function<String, String> field = name -> {
                List<String> values = ctx.formParams(name);
                return Forms.text(row < values.size() ? values.get(row) : "", name, 40);
            };
            rows.add(new Row(
                    field.apply("blockGpuType"),
                    field.apply("blockGpus"),
                    field.apply("blockDays"),
                    field.apply("blockEarliestStart"),
                    field.apply("blockLatestEnd")));
        }
        return rows;
    }

    /** The rows that are not blank, read into entries; a value that is not a number or date is a message. */
    static List<BlockRules.Entry> parse(List<Row> rows, FormErrors errors) {
        List<BlockRules.Entry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.blank()) {
                continue;
            }
            String at = "blocks[" + i + "].";
            if (row.gpuType().isEmpty()) {
                errors.add(at + "gpuType", at + "gpuType: empty. Maybe the GPU type the run needs?");
            }
            int gpus = errors.integer(at + "gpus", row.gpus(), 1, Limits.MAX_GPUS, "Maybe whole nodes, e.g. 64?");
            int days = errors.integer(at + "days", row.days(), 1, 366, "Maybe 7?");
            LocalDate earliest = date(errors, at + "earliestStart", row.earliestStart());
            LocalDate latest = date(errors, at + "latestEnd", row.latestEnd());
            entries.add(new BlockRules.Entry(row.gpuType(), gpus, days, earliest, latest));
        }
        return entries;
    }

    /**
     * Shows each problem of the rules at its row: {@code problems} name {@code blocks[k]} after the k-th block that
     * is not blank.
     */
    static void show(List<Problem> problems, List<Row> rows, FormErrors errors) {
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).blank()) {
                rowOf.add(i);
            }
        }
        for (Problem problem : problems) {
            String path = problem.path();
            int open = path.indexOf('[');
            int close = path.indexOf(']');
            int k = Integer.parseInt(path.substring(open + 1, close));
            errors.add(problem, "blocks[" + rowOf.get(k) + "]" + path.substring(close + 1));
        }
    }

    private static LocalDate date(FormErrors errors, String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(
                    field, field + ": '" + value + "' is not a date. Maybe write it as YYYY-MM-DD, e.g. 2027-01-04?");
            return null;
        }
    }
}
