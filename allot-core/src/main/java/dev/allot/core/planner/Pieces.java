package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces a one-period model falls into: a project's variables with the rows that involve that project alone
 * (floor, ceiling, continuity, value, stability...); the other rows (capacity, shares, relations, budgets) couple
 * pieces. Variables of no project (reserved blocks' starts) join the pieces their rows give them.
 */
final class Pieces {
    /** Per variable index, its piece (the index of one of its variables). */
    final int[] piece;
    /** Per row index, whether the row involves more than one project. */
    final boolean[] coupling;
    /** Per piece, its rows that are not coupling, in model order. */
    final Map<Integer, List<Row>> localRows = new HashMap<>();

    private Pieces(int[] piece, boolean[] coupling) {
        this.piece = piece;
        this.coupling = coupling;
    }

    static Pieces of(AllocationModel allocation) {
        LinearModel model = allocation.model;
        int n = model.vars().size();
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        for (int p = 0; p < allocation.projects.size(); p++) {
            for (int k = 0; k < allocation.periods.size(); k++) {
                int project = p;
                allocation.unitsByPeriod.get(k).get(p).values().forEach(var -> owner[var.index()] = project);
                owner[allocation.fundedByPeriod.get(k).get(p).index()] = p;
                allocation.segmentsByPeriod.get(k).get(p).forEach(var -> owner[var.index()] = project);
                if (k > 0 && allocation.periodChanges.get(k).get(p) != null) {
                    owner[allocation.periodChanges.get(k).get(p).index()] = p;
                }
            }
            if (allocation.cycleChanges.get(p) != null) {
                owner[allocation.cycleChanges.get(p).index()] = p;
            }
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        boolean[] coupling = new boolean[model.rows().size()];
        for (Row row : model.rows()) {
            int first = -1;
            for (Term term : row.terms()) {
                int o = owner[term.var().index()];
                if (o >= 0 && first >= 0 && o != first) {
                    coupling[row.index()] = true;
                    break;
                }
                if (o >= 0) {
                    first = o;
                }
            }
            if (!coupling[row.index()] && !row.terms().isEmpty()) {
                int root = find(parent, row.terms().get(0).var().index());
                for (Term term : row.terms()) {
                    int other = find(parent, term.var().index());
                    if (other != root) {
                        parent[other] = root;
                    }
                }
            }
        }
        int[] piece = new int[n];
        for (int i = 0; i < n; i++) {
            piece[i] = find(parent, i);
        }
        Pieces pieces = new Pieces(piece, coupling);
        for (Row row : model.rows()) {
            if (!coupling[row.index()] && !row.terms().isEmpty()) {
                pieces.localRows
                        .computeIfAbsent(piece[row.terms().get(0).var().index()], key -> new ArrayList<>())
                        .add(row);
            }
        }
        return pieces;
    }

    /** How many pieces there are. */
    int count() {
        int count = 0;
        for (int i = 0; i < piece.length; i++) {
            if (piece[i] == i) {
                count++;
            }
        }
        return count;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
