package dev.allot.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * A page of a long list of rows (the board's projects, the review's decisions), read from the query string's
 * {@code page} and {@code size}: the browser then lays out a few hundred rows, not tens of thousands of table cells,
 * while totals still add up every row that matches.
 *
 * @param page the page asked for, 1-based (a bad or missing one is the first)
 * @param size rows per page, one of {@link #SIZES} (anything else is the default, the first)
 */
record Paging(int page, int size) {
    /** The page sizes offered; the first is the default. */
    static final List<Integer> SIZES = List.of(100, 250, 1000);

    static final Paging FIRST = new Paging(1, SIZES.get(0));

    Paging {
        page = Math.max(1, page);
        size = SIZES.contains(size) ? size : SIZES.get(0);
    }

    static Paging of(Context ctx) {
        return new Paging(number(ctx.queryParam("page")), number(ctx.queryParam("size")));
    }

    /** A whole number from the query string, or 0 when it is none (a bad page number shows the first page). */
    private static int number(String value) {
        return value != null && value.strip().matches("[0-9]{1,6}") ? Integer.parseInt(value.strip()) : 0;
    }

    /** The number of pages {@code rows} matching rows take (at least one, so an empty list has page 1 of 1). */
    int pages(int rows) {
        return Math.max(1, (rows + size - 1) / size);
    }

    /** The page shown of {@code rows} matching rows: the one asked for, or the last when it asked for more. */
    int shownPage(int rows) {
        return Math.min(page, pages(rows));
    }

    /** The page holding the row at {@code index} (0-based) of the matching rows, at this size. */
    Paging holding(int index) {
        return new Paging(index / size + 1, size);
    }

    /** The rows of the page shown, out of all matching {@code rows}. */
    <T> Shown<T> show(List<T> rows) {
        int shown = shownPage(rows.size());
        int from = (shown - 1) * size;
        return new Shown<>(
                rows.subList(from, Math.min(rows.size(), from + size)), rows.size(), shown, pages(rows.size()));
    }

    /** {@code &size=250}, or nothing at the default size (links stay short). */
    String sizeParam() {
        return size == SIZES.get(0) ? "" : "&size=" + size;
    }

    /**
     * The page shown.
     *
     * @param rows the rows of the page, in order
     * @param matched how many rows match over all pages
     * @param page the page shown, 1-based
     * @param pages how many pages there are
     */
    record Shown<T>(List<T> rows, int matched, int page, int pages) {
        /** The position of the page's first row among the matching rows (1-based; 0 when none match). */
        int firstRow(int size) {
            return matched == 0 ? 0 : (page - 1) * size + 1;
        }

        int lastRow(int size) {
            return firstRow(size) == 0 ? 0 : firstRow(size) + rows.size() - 1;
        }
    }
}
