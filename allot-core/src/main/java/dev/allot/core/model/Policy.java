package dev.allot.core.model;

import dev.allot.core.guard.GuardThresholds;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's standing rules for a cycle.
 *
 * @param reserveFraction fraction of every GPU type held back (maintenance, urgent work), in [0, 1)
 * @param reserveGpus per-type reserve in GPUs; overrides {@code reserveFraction} for the types it names
 * @param shareBounds category share bounds on granted effective compute
 * @param relations category relations such as {@code exploratory >= product}
 * @param maxChangeFraction continuity: a continuing project's total grant moves by at most this fraction of its
 *     previous grant (but always by at least one node) unless it is killed
 * @param granularity whole nodes or single GPUs
 * @param yieldNoticeDays days after the cycle start by which a shrinking project must yield its GPUs
 * @param plannerMayKill whether the planner may propose to kill a continuing project (one with a previous grant that
 *     asks again); when false (the default) only the deciders kill, and continuity holds for everyone else
 * @param approvals approvals by distinct deciders a draft needs before it is published; 0 (the default) means two
 *     when the lab has two or more deciders, else one (see {@link #requiredApprovals(int)})
 * @param guard when a draft is unusual enough that a decider must acknowledge a warning before publishing
 * @param value how the planner values compute: priority weights (the default) or evidence curves, with their worth
 * @param usage what the planner makes of last cycle's measured use: flag idle grants (the default) or cap them
 * @param noAsk how the planner treats an active continuing project without an ask this cycle (default
 *     {@link NoAsk#KEEP})
 * @param periodDays length in days of the periods a plan over time is cut into (besides a boundary at every capacity
 *     event); 7 by default. Only a lab with capacity events is planned in periods.
 * @param commentsShared whether the leads of a project read the reviewers' comments on it (without the reviewers'
 *     names) once the cycle's plan is published; false (the default) keeps comments to reviewers and deciders
 * @param jobShapes what a grant of a type below a project's largest job is: a guard-rail warning (the default) or
 *     not allowed ({@link JobShapes#STRICT}: a grant of a type is 0 or at least the largest job)
 */
public record Policy(
        double reserveFraction,
        Map<GpuTypeId, Integer> reserveGpus,
        List<ShareBound> shareBounds,
        List<ShareRelation> relations,
        double maxChangeFraction,
        Granularity granularity,
        int yieldNoticeDays,
        boolean plannerMayKill,
        int approvals,
        GuardThresholds guard,
        ValuePolicy value,
        UsagePolicy usage,
        NoAsk noAsk,
        int periodDays,
        boolean commentsShared,
        JobShapes jobShapes) {
    /** The {@link #approvals} value that means "two with two or more deciders, else one". */
    public static final int APPROVALS_BY_DECIDERS = 0;
    /** The default {@link #periodDays}: weekly periods. */
    public static final int DEFAULT_PERIOD_DAYS = 7;

    public Policy {
        if (!(reserveFraction >= 0 && reserveFraction < 1)) {
            throw new IllegalArgumentException("reserveFraction must be within [0, 1), was " + reserveFraction);
        }
        reserveGpus =
                java.util.Collections.unmodifiableMap(new TreeMap<>(reserveGpus == null ? Map.of() : reserveGpus));
        shareBounds = List.copyOf(shareBounds == null ? List.of() : shareBounds);
        relations = List.copyOf(relations == null ? List.of() : relations);
        if (!(maxChangeFraction >= 0)) {
            throw new IllegalArgumentException("maxChangeFraction must be >= 0, was " + maxChangeFraction);
        }
        Checks.present(granularity, "granularity");
        Checks.nonNegative(yieldNoticeDays, "yieldNoticeDays");
        Checks.nonNegative(approvals, "approvals");
        // Policies stored before the guard thresholds existed read back with none: they get the defaults.
        guard = guard == null ? GuardThresholds.DEFAULTS : guard;
        // A policy stored before the value field existed reads null: it valued by weights.
        value = value == null ? ValuePolicy.weights() : value;
        // A policy stored before the usage field existed reads null: it only flagged idle grants.
        usage = usage == null ? UsagePolicy.DEFAULTS : usage;
        // A policy stored before the no-ask rule existed reads null: it keeps silent projects' last grant.
        noAsk = noAsk == null ? NoAsk.KEEP : noAsk;
        // A policy stored before periods existed reads 0: weekly periods.
        periodDays = periodDays == 0 ? DEFAULT_PERIOD_DAYS : periodDays;
        if (periodDays < 1) {
            throw new IllegalArgumentException("periodDays must be >= 1, was " + periodDays);
        }
        // A policy stored before job shapes existed reads null: shapes only warn.
        jobShapes = jobShapes == null ? JobShapes.WARN : jobShapes;
    }

    /**
     * Approvals by distinct deciders that a publish needs in a lab with {@code deciders} deciders: the policy's
     * {@link #approvals} when set, else two when the lab has two or more deciders, else one.
     */
    public int requiredApprovals(int deciders) {
        if (approvals != APPROVALS_BY_DECIDERS) {
            return approvals;
        }
        return deciders >= 2 ? 2 : 1;
    }

    /**
     * An edit of this policy: the builder starts from every field of this policy, so an edit changes only the
     * fields it names. Every entry point (API, web form, lab file) edits through it, so a field added to the policy
     * is kept by an entry point that does not know it yet instead of being reset.
     */
    public Builder edit() {
        return new Builder(this);
    }

    public Policy withPlannerMayKill(boolean allowed) {
        return edit().plannerMayKill(allowed).build();
    }

    /** The lab default: 5 % reserve, exploratory >= product, at most 50 % change per cycle, whole nodes. */
    public static Policy defaults() {
        return new Policy(
                0.05,
                Map.of(),
                List.of(),
                List.of(new ShareRelation(CategoryId.of("exploratory"), 1.0, CategoryId.of("product"))),
                0.5,
                Granularity.NODE,
                14,
                false,
                APPROVALS_BY_DECIDERS,
                GuardThresholds.DEFAULTS,
                ValuePolicy.weights(),
                UsagePolicy.DEFAULTS,
                NoAsk.KEEP,
                DEFAULT_PERIOD_DAYS,
                false,
                JobShapes.WARN);
    }

    /** A policy being edited; {@link #build()} checks it like the constructor does. Not thread-safe. */
    public static final class Builder {
        private double reserveFraction;
        private Map<GpuTypeId, Integer> reserveGpus;
        private List<ShareBound> shareBounds;
        private List<ShareRelation> relations;
        private double maxChangeFraction;
        private Granularity granularity;
        private int yieldNoticeDays;
        private boolean plannerMayKill;
        private int approvals;
        private GuardThresholds guard;
        private ValuePolicy value;
        private UsagePolicy usage;
        private NoAsk noAsk;
        private int periodDays;
        private boolean commentsShared;
        private JobShapes jobShapes;

        private Builder(Policy base) {
            reserveFraction = base.reserveFraction;
            reserveGpus = base.reserveGpus;
            shareBounds = base.shareBounds;
            relations = base.relations;
            maxChangeFraction = base.maxChangeFraction;
            granularity = base.granularity;
            yieldNoticeDays = base.yieldNoticeDays;
            plannerMayKill = base.plannerMayKill;
            approvals = base.approvals;
            guard = base.guard;
            value = base.value;
            usage = base.usage;
            noAsk = base.noAsk;
            periodDays = base.periodDays;
            commentsShared = base.commentsShared;
            jobShapes = base.jobShapes;
        }

        public Builder reserveFraction(double fraction) {
            reserveFraction = fraction;
            return this;
        }

        public Builder reserveGpus(Map<GpuTypeId, Integer> gpus) {
            reserveGpus = gpus;
            return this;
        }

        public Builder shareBounds(List<ShareBound> bounds) {
            shareBounds = bounds;
            return this;
        }

        public Builder relations(List<ShareRelation> categoryRelations) {
            relations = categoryRelations;
            return this;
        }

        public Builder maxChangeFraction(double fraction) {
            maxChangeFraction = fraction;
            return this;
        }

        public Builder granularity(Granularity grantGranularity) {
            granularity = grantGranularity;
            return this;
        }

        public Builder yieldNoticeDays(int days) {
            yieldNoticeDays = days;
            return this;
        }

        public Builder plannerMayKill(boolean allowed) {
            plannerMayKill = allowed;
            return this;
        }

        /** Approvals a publish needs; {@link #APPROVALS_BY_DECIDERS} for the lab default. */
        public Builder approvals(int count) {
            approvals = count;
            return this;
        }

        public Builder value(ValuePolicy valuePolicy) {
            value = valuePolicy;
            return this;
        }

        public Builder usage(UsagePolicy usagePolicy) {
            usage = usagePolicy;
            return this;
        }

        public Builder guard(GuardThresholds thresholds) {
            guard = thresholds;
            return this;
        }

        public Builder noAsk(NoAsk rule) {
            noAsk = rule;
            return this;
        }

        public Builder periodDays(int days) {
            periodDays = days;
            return this;
        }

        /** Whether project leads read the reviewers' comments once the plan is published. */
        public Builder commentsShared(boolean shared) {
            commentsShared = shared;
            return this;
        }

        /** Whether a grant below a project's largest job only warns or is not allowed. */
        public Builder jobShapes(JobShapes setting) {
            jobShapes = setting;
            return this;
        }

        public Policy build() {
            return new Policy(
                    reserveFraction,
                    reserveGpus,
                    shareBounds,
                    relations,
                    maxChangeFraction,
                    granularity,
                    yieldNoticeDays,
                    plannerMayKill,
                    approvals,
                    guard,
                    value,
                    usage,
                    noAsk,
                    periodDays,
                    commentsShared,
                    jobShapes);
        }
    }
}
