package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.guard.GuardThresholds;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.rules.PolicyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The policy terms of the web form besides the reserve, the share bounds, the usage rule and the no-ask rule: change
 * limit, granularity, yield notice, planner kills, approvals, period length, guard-rail thresholds, value basis,
 * shared comments and job shapes. Each is checked by the same core rule as in the lab file; a field left out keeps its value, and
 * every problem is refused at once.
 */
final class PolicyTerms {
    /** The guard-rail thresholds' field names, in the order of {@link GuardThresholds}'s components. */
    static final List<String> GUARD_FIELDS =
            List.of("maxKillFraction", "maxIdleFraction", "maxShareSwing", "maxComputeLoss", "maxReserveFraction");

    private final Function<String, String> form;
    private final List<Problem> problems = new ArrayList<>();

    private PolicyTerms(Function<String, String> form) {
        this.form = form;
    }

    /** {@code edited} with the form's terms applied; throws every problem of them at once. */
    static Policy.Builder apply(Function<String, String> form, Policy current, Policy.Builder edited) {
        PolicyTerms terms = new PolicyTerms(form);
        Double change = terms.percent("maxChange");
        if (change != null && terms.rule(PolicyRules.maxChange(change), "maxChange")) {
            edited.maxChangeFraction(change);
        }
        String granularity = terms.choice("granularity", List.of("node", "gpu"));
        if (granularity != null) {
            edited.granularity(Granularity.valueOf(granularity.toUpperCase(Locale.ROOT)));
        }
        Integer notice = terms.integer("yieldNoticeDays");
        if (notice != null && terms.rule(PolicyRules.yieldNoticeDays(notice), "yieldNoticeDays")) {
            edited.yieldNoticeDays(notice);
        }
        String mayKill = terms.choice("plannerMayKill", List.of("yes", "no"));
        if (mayKill != null) {
            edited.plannerMayKill(mayKill.equals("yes"));
        }
        String shared = terms.choice("commentsShared", List.of("yes", "no"));
        if (shared != null) {
            edited.commentsShared(shared.equals("yes"));
        }
        String jobShapes = terms.text("jobShapes");
        if (!jobShapes.isEmpty() && terms.rule(PolicyRules.jobShapes(jobShapes), "jobShapes")) {
            dev.allot.core.model.JobShapes.parse(jobShapes).ifPresent(edited::jobShapes);
        }
        terms.approvals(edited);
        Integer period = terms.integer("periodDays");
        if (period != null && terms.rule(PolicyRules.periodDays(period), "periodDays")) {
            edited.periodDays(period);
        }
        String basis = terms.choice("value.basis", List.of("weights", "evidence"));
        if (basis != null) {
            edited.value(current.value()
                    .withBasis(
                            basis.equals("evidence")
                                    ? ValuePolicy.ValueBasis.EVIDENCE
                                    : ValuePolicy.ValueBasis.WEIGHTS));
        }
        GuardThresholds guard = terms.guard(current.guard());
        terms.done();
        return edited.guard(guard);
    }

    /** A fraction as the form's percent value: "12.5", "10". */
    static String percentValue(double fraction) {
        double value = fraction * 100;
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** What a guard threshold measures, in words. */
    static String guardLabel(String field) {
        return switch (field) {
            case "maxKillFraction" -> "Projects killed, percent of active projects";
            case "maxIdleFraction" -> "GPUs idle beyond the reserve, percent of the fleet";
            case "maxShareSwing" -> "A category's share moving, points against the last published plan";
            case "maxComputeLoss" -> "A continuing project's loss of compute, percent";
            default -> "Reserve counted as idle capacity above, percent of the fleet";
        };
    }

    /** The guard threshold named {@code field} of {@code guard}, as the form's percent value. */
    static String guardValue(GuardThresholds guard, String field) {
        return percentValue(
                switch (field) {
                    case "maxKillFraction" -> guard.maxKillFraction();
                    case "maxIdleFraction" -> guard.maxIdleFraction();
                    case "maxShareSwing" -> guard.maxShareSwing();
                    case "maxComputeLoss" -> guard.maxComputeLoss();
                    default -> guard.maxReserveFraction();
                });
    }

    /** Approvals: empty means the lab default (two with two or more deciders), else at least one. */
    private void approvals(Policy.Builder edited) {
        String text = form.apply("approvals");
        if (text == null) {
            return;
        }
        if (text.isBlank()) {
            edited.approvals(Policy.APPROVALS_BY_DECIDERS);
            return;
        }
        Integer count = integer("approvals");
        if (count != null && rule(PolicyRules.approvals(count), "approvals")) {
            edited.approvals(count);
        }
    }

    private GuardThresholds guard(GuardThresholds current) {
        double[] values = {
            current.maxKillFraction(),
            current.maxIdleFraction(),
            current.maxShareSwing(),
            current.maxComputeLoss(),
            current.maxReserveFraction()
        };
        for (int i = 0; i < values.length; i++) {
            String field = "guard." + GUARD_FIELDS.get(i);
            Double value = percent(field);
            if (value != null && rule(PolicyRules.guardThreshold(field, value), field)) {
                values[i] = value;
            }
        }
        return new GuardThresholds(values[0], values[1], values[2], values[3], values[4]);
    }

    private boolean rule(List<Problem> found, String field) {
        found.forEach(problem -> problems.add(problem.at(field)));
        return found.isEmpty();
    }

    /** A percent field as a fraction; null when absent or empty (kept) or not a number (a problem). */
    private Double percent(String field) {
        String text = text(field);
        if (text.isEmpty()) {
            return null;
        }
        Double fraction = fraction(text);
        if (fraction == null) {
            problems.add(new Problem(field, text, "is not a percentage", "Maybe 10?"));
        }
        return fraction;
    }

    /** "12.5" or "12.5 %" as the fraction 0.125; null when it is not a finite number. */
    static Double fraction(String percentText) {
        try {
            double value = Double.parseDouble(percentText.replace("%", "").strip());
            return Double.isFinite(value) ? value / 100 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Integer integer(String field) {
        String text = text(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, text, "is not a whole number", "Maybe 7?"));
            return null;
        }
    }

    private String choice(String field, List<String> options) {
        String text = text(field);
        if (text.isEmpty()) {
            return null;
        }
        if (!options.contains(text)) {
            problems.add(new Problem(field, text, "is not one of " + options, "Maybe " + options.get(0) + "?"));
            return null;
        }
        return text;
    }

    private String text(String field) {
        return Forms.text(form.apply(field), field, 40);
    }

    private void done() {
        if (!problems.isEmpty()) {
            throw AllotException.validationFailed(problems);
        }
    }
}
