package dev.allot.web;

import dev.allot.core.AllotException;

/** A refused or failed action as a page: the message says what, which value and what to do instead. */
final class ErrorPage {
    record View(Page page, String title, String code, String message) {}

    private ErrorPage() {}

    static int status(AllotException e) {
        return switch (e.kind()) {
            case INVALID_INPUT, INFEASIBLE -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    static String render(Page page, AllotException e) {
        String title = switch (e.kind()) {
            case INVALID_INPUT -> "Check the input";
            case INFEASIBLE -> "No plan satisfies the policy";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Not possible right now";
            case FORBIDDEN -> "Not allowed";
            case UNAVAILABLE -> "A connected system is unavailable";
            case INTERNAL -> "Something failed";
        };
        return Templates.render("error.jte", new View(page, title, e.code(), e.getMessage()));
    }
}
