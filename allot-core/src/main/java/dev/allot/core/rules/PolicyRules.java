package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.UsagePolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The rules of a policy, one method each; fractions are shown as percentages. */
public final class PolicyRules {
    private PolicyRules() {}

    /** The reserve holds back less than all capacity. The problem names the field {@code reserve}. */
    public static List<Problem> reserve(double fraction) {
        if (fraction >= 0 && fraction < 1) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.RESERVE_OUT_OF_RANGE.code(),
                "reserve",
                percent(fraction),
                fraction >= 1 ? "holds back all capacity, so nothing is left to allocate" : "must not be negative",
                "Maybe 5%?"));
    }

    /**
     * A policy that names its approvals asks for at least one (leaving them out, {@code Policy.APPROVALS_BY_DECIDERS},
     * means two with two or more deciders). The problem names the field {@code approvals}.
     */
    public static List<Problem> approvals(int count) {
        return count >= 1
                ? List.of()
                : List.of(new Problem(
                        "approvals",
                        String.valueOf(count),
                        "a publish needs at least one approval",
                        "Maybe 1, or leave approvals out for two when the lab has two or more deciders?"));
    }

    /** Periods last at least one day. The problem names the field {@code periodDays}. */
    public static List<Problem> periodDays(int days) {
        return days >= 1
                ? List.of()
                : List.of(new Problem("periodDays", String.valueOf(days), "must be at least 1 day", "Maybe 7?"));
    }

    /** A shrinking project yields no earlier than the cycle start. The problem names {@code yieldNoticeDays}. */
    public static List<Problem> yieldNoticeDays(int days) {
        return days >= 0
                ? List.of()
                : List.of(new Problem("yieldNoticeDays", String.valueOf(days), "must not be negative", "Maybe 14?"));
    }

    /** The change limit per cycle is not negative. The problem names the field {@code maxChangePerCycle}. */
    public static List<Problem> maxChange(double fraction) {
        return fraction >= 0
                ? List.of()
                : List.of(new Problem("maxChangePerCycle", percent(fraction), "must not be negative", "Maybe 50%?"));
    }

    /** A guard-rail threshold is a fraction from 0 to 100 %. The problem names {@code field}. */
    public static List<Problem> guardThreshold(String field, double fraction) {
        return fraction >= 0 && fraction <= 1
                ? List.of()
                : List.of(new Problem(field, percent(fraction), "must be from 0 to 100 %", "Maybe 10%?"));
    }

    /** A category's share minimum is at most its maximum. The problem names the field {@code min}. */
    public static List<Problem> shareBound(String category, double min, double max) {
        if (min <= max) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.SHARE_MIN_ABOVE_MAX.code(),
                "min",
                percent(min),
                "share minimum of " + category + " is above its maximum (" + percent(max) + ")",
                "Maybe swap min and max?"));
    }

    /** The share minimums of all categories add up to at most 100 %. The problem names no field (the whole set). */
    public static List<Problem> shareMinimums(List<ShareBound> bounds) {
        double minimums = bounds.stream().mapToDouble(ShareBound::minShare).sum();
        if (minimums <= 1 + 1e-9) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.SHARE_MINIMUMS_ABOVE_100.code(),
                "",
                percent(minimums),
                "share minimums add up to more than 100 %",
                "Maybe lower some minimums?"));
    }

    /**
     * A value setting of the evidence value model ({@code cycleHours}, {@code flopPerGpuHour}) is a finite number
     * above 0. The problem names the field.
     */
    public static List<Problem> positiveSetting(String field, double value) {
        if (value > 0 && Double.isFinite(value)) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.VALUE_SETTING_OUT_OF_RANGE.code(),
                field,
                Double.toString(value),
                "must be a number greater than 0",
                field.equals("cycleHours") ? "Maybe 720 for a 30-day cycle?" : "Maybe 1.44e18 (1 PFLOP/s at 40 %)?"));
    }

    /**
     * A worth of one unit of metric improvement, for a category or a project, is a finite number >= 0 (0: the
     * evidence does not count for it). The problem names the field, e.g. {@code worthPerCategory.exploratory}.
     */
    public static List<Problem> worth(String field, double worth) {
        if (worth >= 0 && Double.isFinite(worth)) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.VALUE_SETTING_OUT_OF_RANGE.code(),
                field,
                Double.toString(worth),
                "worth must be a number >= 0 (effective-GPU equivalents per unit of metric)",
                "Maybe 500?"));
    }

    /**
     * The usage rule: {@code idleBelow} within [0, 1], {@code action} one of {@link UsagePolicy.Action}'s labels,
     * {@code headroom} within [0, 10]. A null setting is one not given (the default holds). Every problem at once;
     * each names its field ({@code idleBelow}, {@code action}, {@code headroom}) for the entry point to place under
     * its own path.
     */
    public static List<Problem> usage(Double idleBelow, String action, Double headroom) {
        List<Problem> problems = new ArrayList<>();
        if (idleBelow != null && !(idleBelow >= 0 && idleBelow <= 1)) {
            problems.add(new Problem(
                    ErrorCode.USAGE_SETTING_OUT_OF_RANGE.code(),
                    "idleBelow",
                    percent(idleBelow),
                    "the used share below which a grant is idle must be from 0% to 100%",
                    "Maybe 50%?"));
        }
        if (action != null && UsagePolicy.Action.parse(action).isEmpty()) {
            problems.add(new Problem(
                    ErrorCode.USAGE_ACTION_UNKNOWN.code(),
                    "action",
                    action,
                    "is not a usage action (warn flags idle grants, capAtUsedPlusHeadroom also caps them)",
                    Suggest.closest(action, actionLabels())
                            .map(label -> "Maybe " + label + "?")
                            .orElse("Maybe warn or capAtUsedPlusHeadroom?")));
        }
        if (headroom != null && !(headroom >= 0 && headroom <= UsagePolicy.MAX_HEADROOM)) {
            problems.add(new Problem(
                    ErrorCode.USAGE_SETTING_OUT_OF_RANGE.code(),
                    "headroom",
                    percent(headroom),
                    "the headroom added to the measured use must be from 0% to 1000%",
                    "Maybe 25%?"));
        }
        return problems;
    }

    private static List<String> actionLabels() {
        return java.util.Arrays.stream(UsagePolicy.Action.values())
                .map(UsagePolicy.Action::label)
                .toList();
    }

    /**
     * The rule for active continuing projects without an ask is one of {@code keep}, {@code floorOnly} and
     * {@code release} (see {@link NoAsk}). The problem names the field {@code noAsk}.
     */
    public static List<Problem> noAsk(String value) {
        if (NoAsk.parse(value).isPresent()) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.NO_ASK_RULE.code(),
                "noAsk",
                String.valueOf(value),
                "is not a rule for projects without an ask; one of " + NoAsk.labels(),
                "Maybe keep (hold the last grant), floorOnly (shrink as far as continuity allows) or release"
                        + " (grant nothing)?"));
    }

    /**
     * The job-shapes setting as written: {@code warn} or {@code strict} (see {@link dev.allot.core.model.JobShapes}).
     * The problem names the field {@code jobShapes}.
     */
    public static List<Problem> jobShapes(String value) {
        if (dev.allot.core.model.JobShapes.parse(value).isPresent()) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.JOB_SHAPES_UNKNOWN.code(),
                "jobShapes",
                String.valueOf(value),
                "is not a job-shapes setting; one of " + dev.allot.core.model.JobShapes.labels(),
                "Maybe warn (a grant below a project's largest job is a warning) or strict (not allowed)?"));
    }

    /**
     * A category relation as written, {@code a >= b} or {@code a >= factor * b} (read by
     * {@link ShareRelation#parse(String)}). The problem names the field {@code relations}; whether the categories
     * exist is {@link PolicyReferences}'s to check.
     */
    public static List<Problem> relation(String text) {
        if (ShareRelation.parse(text).isPresent()) {
            return List.of();
        }
        String written = String.valueOf(text);
        return List.of(new Problem(
                ErrorCode.RELATION_SYNTAX.code(),
                "relations",
                written,
                "is not a relation of the form 'a >= b' or 'a >= factor * b'",
                written.contains("%")
                        ? "Maybe put a minimum share under shares, e.g. safety: {min: 5%}?"
                        : "Maybe write it as 'exploratory >= product' or 'exploratory >= 1.5 * product'?"));
    }

    /**
     * A per-type reserve holds back at most the type's capacity ({@code capacityGpus}). The problem names the field
     * {@code reserveGpus.TYPE}.
     */
    public static List<Problem> reserveGpus(String type, int gpus, int capacityGpus) {
        if (gpus <= capacityGpus) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.RESERVE_ABOVE_CAPACITY.code(),
                "reserveGpus." + type,
                String.valueOf(gpus),
                "reserves more GPUs than the lab has of " + type + " (" + capacityGpus + ")",
                "Maybe at most " + capacityGpus + "?"));
    }

    /** {@code 5%} when that reads back as the fraction exactly, otherwise the plain fraction. */
    public static String percent(double fraction) {
        double percent = fraction * 100;
        for (int decimals = 0; decimals <= 6 && Double.isFinite(percent); decimals++) {
            String text = BigDecimal.valueOf(percent)
                    .setScale(decimals, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
            if (Double.parseDouble(text) / 100.0 == fraction) {
                return text + "%";
            }
        }
        return Double.toString(fraction);
    }
}
