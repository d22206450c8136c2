package dev.allot.web;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The board's filter and sort order, read from the query string (so a filtered board is a link one can share). */
record BoardFilter(String category, String decision, String lead, String text, String sort, boolean descending) {
    private static final Map<String, Comparator<BoardRow>> ORDERS = Map.of(
            "project", Comparator.comparing(BoardRow::id),
            "category", Comparator.comparing(BoardRow::category),
            "lead", Comparator.comparing(BoardRow::lead),
            "priority", Comparator.comparingDouble(BoardRow::priority),
            "asked", Comparator.comparingInt(BoardRow::targetGpus),
            "granted", Comparator.comparingInt(BoardRow::grantedGpus),
            "decision", Comparator.comparing(BoardRow::decision),
            "change", Comparator.comparingInt(BoardRow::changeGpus),
            "used", Comparator.comparing(BoardRow::usedFraction, Comparator.nullsLast(Comparator.naturalOrder())));

    static final List<String> SORTS =
            List.of("project", "category", "lead", "priority", "asked", "granted", "decision", "change", "used");

    static BoardFilter of(Context ctx) {
        String sort = param(ctx, "sort", 20);
        return new BoardFilter(
                param(ctx, "category", 64),
                param(ctx, "decision", 20),
                param(ctx, "lead", 64),
                param(ctx, "q", 100),
                ORDERS.containsKey(sort) ? sort : "priority",
                ctx.queryParam("dir") == null ? !ORDERS.containsKey(sort) : "desc".equals(ctx.queryParam("dir")));
    }

    static BoardFilter none() {
        return new BoardFilter("", "", "", "", "priority", true);
    }

    Comparator<BoardRow> order() {
        Comparator<BoardRow> order = ORDERS.get(sort).thenComparing(BoardRow::id);
        order = descending ? order.reversed() : order;
        // Rows whose use is unknown stay at the bottom whichever way the used column is sorted.
        return "used".equals(sort)
                ? Comparator.comparing((BoardRow row) -> row.usedFraction() == null)
                        .thenComparing(order)
                : order;
    }

    /** The query string that sorts by {@code column}, keeping the filter and cycle; a second click reverses it. */
    String sortLink(String column, String cycle) {
        boolean desc = column.equals(sort)
                ? !descending
                : !"project".equals(column) && !"lead".equals(column) && !"category".equals(column);
        return "?" + query() + "&sort=" + column + "&dir=" + (desc ? "desc" : "asc")
                + (cycle == null ? "" : "&cycle=" + encode(cycle));
    }

    /** "ascending"/"descending" for the sorted column (aria-sort), "none" otherwise. */
    String ariaSort(String column) {
        return column.equals(sort) ? (descending ? "descending" : "ascending") : "none";
    }

    String query() {
        return "category=" + encode(category) + "&decision=" + encode(decision) + "&lead=" + encode(lead) + "&q="
                + encode(text);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String param(Context ctx, String name, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return "";
        }
        value = value.trim();
        return value.length() > max ? value.substring(0, max) : value;
    }
}
