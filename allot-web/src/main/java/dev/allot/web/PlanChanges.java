package dev.allot.web;

import java.util.Comparator;
import java.util.List;

/** Who grows, who shrinks, who is killed and who is new, against last cycle's grants; largest changes first. */
record PlanChanges(
        List<DecisionRow> grows,
        List<DecisionRow> shrinks,
        List<DecisionRow> kills,
        List<DecisionRow> news,
        int keeps) {
    static PlanChanges of(List<DecisionRow> rows) {
        return new PlanChanges(
                pick(rows, "grow", true),
                pick(rows, "shrink", false),
                pick(rows, "kill", false),
                pick(rows, "new", true),
                (int) rows.stream().filter(r -> r.decision().equals("keep")).count());
    }

    int total(List<DecisionRow> rows) {
        return rows.stream().mapToInt(DecisionRow::changeGpus).sum();
    }

    boolean isEmpty() {
        return grows.isEmpty() && shrinks.isEmpty() && kills.isEmpty() && news.isEmpty();
    }

    private static List<DecisionRow> pick(List<DecisionRow> rows, String decision, boolean largestFirst) {
        Comparator<DecisionRow> bySize = Comparator.comparingInt(DecisionRow::changeGpus);
        return rows.stream()
                .filter(r -> r.decision().equals(decision))
                .sorted((largestFirst ? bySize.reversed() : bySize).thenComparing(DecisionRow::id))
                .toList();
    }
}
