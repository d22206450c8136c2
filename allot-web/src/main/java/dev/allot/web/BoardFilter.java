package dev.allot.web;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The board's filter, sort order and page, read from the query string (so a filtered board is a link one can share).
 * A lab of thousands of projects is shown a page of rows at a time: the browser then lays out a few hundred rows, not
 * tens of thousands of table cells, while the totals still add up every row the filter keeps.
 */
record BoardFilter(
        String category,
        String decision,
        String lead,
        String text,
        String sort,
        boolean descending,
        int page,
        int size) {
    /** The page sizes offered; the first is the default. */
    static final List<Integer> PAGE_SIZES = Paging.SIZES;

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

    /** The first page, at the default size. */
    BoardFilter(String category, String decision, String lead, String text, String sort, boolean descending) {
        this(category, decision, lead, text, sort, descending, 1, PAGE_SIZES.get(0));
    }

    static BoardFilter of(Context ctx) {
        String sort = param(ctx, "sort", 20);
        Paging paging = Paging.of(ctx);
        return new BoardFilter(
                param(ctx, "category", 64),
                param(ctx, "decision", 20),
                param(ctx, "lead", 64),
                param(ctx, "q", 100),
                ORDERS.containsKey(sort) ? sort : "priority",
                ctx.queryParam("dir") == null ? !ORDERS.containsKey(sort) : "desc".equals(ctx.queryParam("dir")),
                paging.page(),
                paging.size());
    }

    /** The page asked for, as the review's decisions and other long lists page too. */
    Paging paging() {
        return new Paging(page, size);
    }

    static BoardFilter none() {
        return new BoardFilter("", "", "", "", "priority", true);
    }

    /** The number of pages {@code rows} matching rows take (at least one, so an empty board has page 1 of 1). */
    int pages(int rows) {
        return paging().pages(rows);
    }

    /** The query string of page {@code number}, keeping the filter, the order, the page size and the cycle. */
    String pageLink(int number, String cycle) {
        return "?" + query() + "&sort=" + sort + "&dir=" + (descending ? "desc" : "asc") + "&page=" + number
                + sizeParam() + (cycle == null ? "" : "&cycle=" + encode(cycle));
    }

    /** The query string of the first page at {@code rowsPerPage} rows, keeping the filter, order and cycle. */
    String sizeLink(int rowsPerPage, String cycle) {
        return new BoardFilter(category, decision, lead, text, sort, descending, 1, rowsPerPage).pageLink(1, cycle);
    }

    private String sizeParam() {
        return paging().sizeParam();
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
        return "?" + query() + "&sort=" + column + "&dir=" + (desc ? "desc" : "asc") + sizeParam()
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
