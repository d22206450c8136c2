package dev.allot.web;

import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.model.Project;
import io.javalin.http.Context;
import java.util.List;

/**
 * The review page's project pickers: a text box whose list of suggestions the server fills as one types (htmx asks
 * {@code GET /review/projects?project=...}), instead of a list of every project. Without JavaScript the box takes a
 * typed id; the server checks it and, when the lab has no such project, shows the page again with the typed value,
 * the reason and the closest ids at the picker of the form that was sent ({@code form}: "assign" or "adjust").
 */
record ProjectPick(String form, String value, String message, List<Project> closest) {
    /** How many projects a picker suggests at a time. */
    static final int SUGGESTIONS = 8;

    static final ProjectPick NONE = new ProjectPick("", "", "", List.of());

    ProjectPick {
        closest = List.copyOf(closest);
    }

    /** The refusal of {@code typed} in {@code form}'s picker, with the closest projects as its suggestions. */
    static ProjectPick refused(String form, String typed, AllotException refusal, Reads reads) {
        return new ProjectPick(form, typed, refusal.getMessage(), reads.projectSuggestions(typed, SUGGESTIONS));
    }

    /** The suggestions for what was typed so far, as {@code <option>}s for the picker's datalist. */
    static String options(Context ctx, Reads reads) {
        String typed = ctx.queryParam("project");
        typed = typed == null ? "" : typed.strip();
        typed = typed.length() > 80 ? typed.substring(0, 80) : typed;
        return Templates.render("projectOptions.jte", reads.projectSuggestions(typed, SUGGESTIONS));
    }

    String valueFor(String picker, String otherwise) {
        return form.equals(picker) ? value : otherwise;
    }

    String messageFor(String picker) {
        return form.equals(picker) ? message : "";
    }

    List<Project> suggestionsFor(String picker) {
        return form.equals(picker) ? closest : List.of();
    }
}
