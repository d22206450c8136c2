package dev.allot.web;

import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import dev.allot.core.model.Category;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.rules.PolicyRules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The deciders' policy edits on the review screen: the reserve, each category's share bounds and the usage rule, in
 * percent, the rule for continuing projects without an ask, and the terms of {@link PolicyTerms} (change limit,
 * granularity, yield notice, planner kills, approvals, periods, guard rails, value basis, shared comments) and of
 * {@link PolicyDetails} (relations, per-type reserves, evidence value settings).
 */
final class PolicyForm {
    private PolicyForm() {}

    /** The policy with the form's reserve and bounds; a bad field is refused naming the field, value and reason. */
    static Policy read(Context ctx, Reads reads, Policy current) {
        List<String> types =
                reads.gpuTypes().stream().map(type -> type.id().value()).toList();
        return read(ctx::formParam, reads.categories(), types, current);
    }

    /** The same without GPU types (no per-type reserve fields). */
    static Policy read(Function<String, String> form, List<Category> categories, Policy current) {
        return read(form, categories, List.of(), current);
    }

    /** The same, over the submitted fields by name (null when absent), so the mapping is testable on its own. */
    static Policy read(
            Function<String, String> form, List<Category> categories, List<String> gpuTypes, Policy current) {
        double reserve = percent(Forms.text(form.apply("reserve"), "reserve", 20), "reserve", false) / 100;
        if (reserve >= 1) {
            throw refused(
                    "reserve", Forms.text(form.apply("reserve"), "reserve", 20), "must be below 100 %", "Maybe 5?");
        }
        List<ShareBound> bounds = new ArrayList<>();
        for (Category category : categories) {
            String id = category.id().value();
            String minText = Forms.text(form.apply("min." + id), "min." + id, 20);
            String maxText = Forms.text(form.apply("max." + id), "max." + id, 20);
            if (minText.isEmpty() && maxText.isEmpty()) {
                continue;
            }
            double min = minText.isEmpty() ? 0 : percent(minText, "min." + id, true) / 100;
            double max = maxText.isEmpty() ? 1 : percent(maxText, "max." + id, true) / 100;
            for (Problem problem : PolicyRules.shareBound(id, min, max)) {
                throw Forms.refused(problem, "min." + id);
            }
            bounds.add(new ShareBound(category.id(), min, max));
        }
        for (Problem problem : PolicyRules.shareMinimums(bounds)) {
            throw Forms.refused(problem, "min");
        }
        Policy.Builder edited =
                current.edit().reserveFraction(reserve).shareBounds(bounds).usage(usage(form, current.usage()));
        PolicyDetails.apply(
                form, categories.stream().map(category -> category.id().value()).toList(), gpuTypes, current, edited);
        // The terms set the value basis on the value settings the details have just read.
        PolicyTerms.apply(form, edited.build(), edited);
        String noAsk = form.apply("noAsk");
        if (noAsk != null) {
            for (Problem problem : PolicyRules.noAsk(noAsk)) {
                throw Forms.refused(problem, "noAsk");
            }
            NoAsk.parse(noAsk).ifPresent(edited::noAsk);
        }
        return edited.build();
    }

    /**
     * The usage rule from {@code usage.idleBelow} and {@code usage.headroom} (percent) and {@code usage.action}; a
     * field left out keeps the current value. Every problem of the rule is refused at once.
     */
    static UsagePolicy usage(Function<String, String> form, UsagePolicy current) {
        Double idleBelow = fraction(form, "usage.idleBelow");
        String actionText = Forms.text(form.apply("usage.action"), "usage.action", 64);
        String action = actionText.isEmpty() ? null : actionText;
        Double headroom = fraction(form, "usage.headroom");
        List<Problem> problems = PolicyRules.usage(idleBelow, action, headroom).stream()
                .map(problem -> problem.under("usage"))
                .toList();
        if (!problems.isEmpty()) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    problems.get(0).code(),
                    String.join("; ", problems.stream().map(Problem::describe).toList()),
                    problems,
                    null);
        }
        return new UsagePolicy(
                idleBelow == null ? current.idleBelow() : idleBelow,
                action == null
                        ? current.action()
                        : UsagePolicy.Action.parse(action).orElseThrow(),
                headroom == null ? current.headroom() : headroom);
    }

    /** A percent field as a fraction, null when empty; a non-number is refused (its range is the rule's to check). */
    private static Double fraction(Function<String, String> form, String field) {
        String text = Forms.text(form.apply(field), field, 20);
        if (text.isEmpty()) {
            return null;
        }
        Double fraction = PolicyTerms.fraction(text);
        if (fraction == null) {
            throw refused(field, text, "is not a percentage", "Maybe 50?");
        }
        return fraction;
    }

    private static double percent(String text, String field, boolean mayBeEmpty) {
        try {
            double value = Double.parseDouble(text.replace("%", "").strip());
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw refused(
                field,
                text,
                "is not a percentage from 0 to 100",
                mayBeEmpty ? "Maybe leave it empty for no" + " bound?" : "Maybe 5?");
    }

    private static AllotException refused(String field, String value, String reason, String hint) {
        return new AllotException(
                Kind.INVALID_INPUT,
                "invalid-policy",
                field + ": '" + value + "' " + reason + ". " + hint,
                List.of(new Problem(field, value, reason, hint)),
                null);
    }
}
