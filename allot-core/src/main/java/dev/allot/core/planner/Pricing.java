package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prices capacity for explanations with the fixed LP (funded decisions held), falling back to the LP in which funded
 * projects may lose their funding when taking capacity away leaves the held decisions infeasible. Close to free both.
 *
 * <p>A lab of more pieces than one and a half groups ({@link GroupedLp#GROUP_PIECES}) is priced in the groups the
 * relaxation was solved in, never with one LP of the whole model (docs/planner.md, "Explanations"): each group's
 * fixed LP gets, of every coupling row, what its projects hold of it in the plan plus its weight's part of the
 * row's slack, so the plan keeps every group's rows and the shares add up to the row's bounds. A project's prices
 * are those of its group's fixed LP: its duals, and its capacity re-solved with one node more and one node less of
 * each type. The groups are priced two at a time and each group's LP is closed once priced.
 */
final class Pricing implements AutoCloseable {
    private final LinearModel model;
    private final double[] values;
    private final Set<Var> funded;
    /** The fixed LP of the whole model (one group), or null when priced in groups. */
    private final FixedLp held;

    private FixedLp droppable;
    /** Per project index, its group (all 0 with one group). */
    private final int[] groupOf;
    /** Per row index, its absolute dual: every row with one group, else the groups' own rows. */
    private final double[] duals;
    /** Per coupling row index, its absolute dual in each group (empty with one group). */
    private final Map<Integer, double[]> couplingDuals;
    /** Per group, per capacity row index and change of GPUs, the value per GPU (grouped labs only). */
    private final List<Map<Integer, Map<Integer, Double>>> changes;

    private final int groups;
    private final int largestLp;

    private Pricing(LinearModel model, double[] values, Set<Var> funded, FixedLp held, int projects) {
        this.model = model;
        this.values = values;
        this.funded = funded;
        this.held = held;
        this.groupOf = new int[projects];
        this.duals = held.duals();
        this.couplingDuals = Map.of();
        this.changes = List.of();
        this.groups = 1;
        this.largestLp = held.columns();
    }

    private Pricing(
            LinearModel model,
            int[] groupOf,
            double[] duals,
            Map<Integer, double[]> couplingDuals,
            List<Map<Integer, Map<Integer, Double>>> changes,
            int largestLp) {
        this.model = model;
        this.values = null;
        this.funded = null;
        this.held = null;
        this.groupOf = groupOf;
        this.duals = duals;
        this.couplingDuals = couplingDuals;
        this.changes = changes;
        this.groups = changes.size();
        this.largestLp = largestLp;
    }

    /** Null when the fixed LP cannot be solved (then explanations carry no prices). */
    static Pricing of(AllocationModel allocation, double[] values, Set<Var> funded) {
        return of(allocation, values, funded, GroupedLp.GROUP_PIECES);
    }

    /** As above, with groups of about {@code groupPieces} pieces (tests use small groups). */
    static Pricing of(AllocationModel allocation, double[] values, Set<Var> funded, int groupPieces) {
        LinearModel model = allocation.model;
        Pieces pieces = Pieces.of(allocation);
        if (GroupedLp.Groups.count(pieces.count(), groupPieces) == 1) {
            FixedLp held = FixedLp.solve(model, values, funded, false);
            return held == null ? null : new Pricing(model, values, funded, held, allocation.projects.size());
        }
        return grouped(allocation, values, funded, pieces, groupPieces);
    }

    /** The first capacity row of each type (the rule a grant's type is priced by). */
    static Map<GpuTypeId, Row> capacityRows(LinearModel model) {
        Map<GpuTypeId, Row> rows = new LinkedHashMap<>();
        for (Row row : model.rows()) {
            if (row.group().family() == RuleFamily.CAPACITY) {
                rows.putIfAbsent(GpuTypeId.of(row.group().subject()), row);
            }
        }
        return rows;
    }

    private static Pricing grouped(
            AllocationModel allocation, double[] values, Set<Var> funded, Pieces pieces, int groupPieces) {
        LinearModel model = allocation.model;
        GroupedLp.Groups dealt = GroupedLp.Groups.deal(model, pieces, groupPieces);
        int groups = dealt.count();
        double[] objective = new double[model.vars().size()];
        model.objective().forEach(term -> objective[term.var().index()] += term.coefficient());
        // each group's share of a coupling row: what its projects hold of it in the plan, and its part of the slack
        GroupedLp.Shares shares = dealt.shares(values);
        List<Row> capacities = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        capacityRows(model).forEach((type, row) -> {
            capacities.add(row);
            units.add(allocation.fleet.unitGpus(type));
        });
        double[] duals = new double[model.rows().size()];
        Map<Integer, double[]> couplingDuals = new HashMap<>();
        shares.used().keySet().forEach(r -> couplingDuals.put(r, new double[groups]));
        List<Map<Integer, Map<Integer, Double>>> changes = new ArrayList<>();
        int[] columns = new int[groups];
        for (int g = 0; g < groups; g++) {
            changes.add(new HashMap<>());
        }
        Duration priced = GroupedLp.inParallel(
                groups,
                g -> {
                    MpModel.Side share = shares.side(g);
                    List<Var> vars = dealt.vars().get(g);
                    List<Row> rows = dealt.rows().get(g);
                    try (FixedLp lp = FixedLp.solvePart(model, vars, rows, objective, values, funded, false, share)) {
                        if (lp == null) {
                            return null;
                        }
                        columns[g] = lp.columns();
                        double[] own = lp.duals();
                        for (Row row : rows) {
                            double[] coupling = couplingDuals.get(row.index());
                            if (coupling == null) {
                                duals[row.index()] = own[row.index()];
                            } else {
                                coupling[g] = own[row.index()];
                            }
                        }
                        FixedLp drop = null;
                        try {
                            for (int c = 0; c < capacities.size(); c++) {
                                Row capacity = capacities.get(c);
                                Map<Integer, Double> byDelta = new HashMap<>();
                                for (int delta : new int[] {units.get(c), -units.get(c)}) {
                                    double value = lp.valuePerUnit(capacity, delta);
                                    if (Double.isNaN(value) && delta < 0) {
                                        drop = drop != null
                                                ? drop
                                                : FixedLp.solvePart(
                                                        model, vars, rows, objective, values, funded, true, share);
                                        value = drop == null ? Double.NaN : drop.valuePerUnit(capacity, delta);
                                    }
                                    byDelta.put(delta, value);
                                }
                                changes.get(g).put(capacity.index(), byDelta);
                            }
                        } finally {
                            if (drop != null) {
                                drop.close();
                            }
                        }
                        return Duration.ZERO;
                    }
                },
                Interruption.current());
        if (priced == null) {
            return null;
        }
        int[] groupOf = new int[allocation.projects.size()];
        for (int p = 0; p < groupOf.length; p++) {
            groupOf[p] = dealt.group()[allocation.fundedByPeriod.get(0).get(p).index()];
        }
        int largest = 0;
        for (int one : columns) {
            largest = Math.max(largest, one);
        }
        return new Pricing(model, groupOf, duals, couplingDuals, changes, largest);
    }

    /** Groups the lab is priced in (1: the whole model). */
    int groups() {
        return groups;
    }

    /** The group whose prices project p's explanation cites. */
    int groupOf(int p) {
        return groupOf[p];
    }

    /** The most variables of any LP solved to price (the whole model's with one group). */
    int largestLp() {
        return largestLp;
    }

    /**
     * Absolute dual value per row index: of every row with one group; with groups, of each group's own rows (the
     * coupling rows' are per group: {@link #couplingDuals()}).
     */
    double[] duals() {
        return duals;
    }

    /** Per coupling row index, its absolute dual in each group; empty with one group. */
    Map<Integer, double[]> couplingDuals() {
        return couplingDuals;
    }

    /**
     * Value per GPU of {@code delta} more (negative: fewer) GPUs on a capacity row, for the group's share of it; NaN
     * if it cannot be priced (with groups, only one node more or less of the row's type is priced).
     */
    double valuePerGpu(int group, Row capacity, int delta) {
        return orDropped(capacity, delta, heldValuePerGpu(group, capacity, delta));
    }

    /**
     * As above, priced by the held LP alone (re-solved: one thread at a time), NaN where the held decisions leave no
     * GPUs to take away; {@link #orDropped} completes it.
     */
    double heldValuePerGpu(int group, Row capacity, int delta) {
        if (held == null) {
            return changes.get(group).getOrDefault(capacity.index(), Map.of()).getOrDefault(delta, Double.NaN);
        }
        return held.valuePerUnit(capacity, delta);
    }

    /**
     * {@code heldValue} of {@link #heldValuePerGpu}, or where it is NaN for GPUs taken away from a lab priced whole, the
     * value in the LP in which funded projects may lose their funding (solved on first use; another LP than the held
     * one, so one thread may use it while another re-solves the held one).
     */
    double orDropped(Row capacity, int delta, double heldValue) {
        if (held == null || !Double.isNaN(heldValue) || delta >= 0) {
            return heldValue;
        }
        if (droppable == null) {
            droppable = FixedLp.solve(model, values, funded, true);
        }
        return droppable == null ? Double.NaN : droppable.valuePerUnit(capacity, delta);
    }

    /** Frees the held LP (its re-solves done). */
    void closeHeld() {
        if (held != null) {
            held.close();
        }
    }

    /** Frees the LP in which funded projects may lose their funding, if it was solved. */
    void closeDroppable() {
        if (droppable != null) {
            droppable.close();
            droppable = null;
        }
    }

    @Override
    public void close() {
        closeHeld();
        closeDroppable();
    }
}
