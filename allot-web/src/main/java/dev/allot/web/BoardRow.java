package dev.allot.web;

import dev.allot.store.AskState;
import java.util.List;
import java.util.Locale;

/**
 * One project on the portfolio board.
 *
 * @param grantedByType GPUs granted per GPU type, in the lab's order of types
 * @param changeGpus granted minus last cycle's grant
 * @param sparkline SVG polyline points of the used fraction over past cycles ("" without history)
 * @param askState where its ask stands: "confirmed", "carried over", "no ask" ("" for an inactive project)
 * @param typeMove a move to other GPU types with its change in compute ("moves H200 -> L40S: -79 % compute"), or ""
 * @param usedFraction what the project used of last cycle's grant (GPU-hours); null when unknown
 * @param idle whether that grant counts as idle under the cycle's usage rule
 * @param budgetBadge its GPU-hour budgets that are spent or run out before the cycle ends, with the day ("H100
 *     budget runs out 2026-12-24"), or ""
 */
record BoardRow(
        String id,
        String name,
        String category,
        String lead,
        double priority,
        boolean asked,
        int floorGpus,
        int targetGpus,
        int ceilingGpus,
        List<Integer> grantedByType,
        int grantedGpus,
        String decision,
        int changeGpus,
        String sparkline,
        String usedText,
        String askState,
        String typeMove,
        Double usedFraction,
        boolean idle,
        String budgetBadge) {
    /** The decision as shown: a kill of a project that made no ask is a release. */
    public String shownDecision() {
        return decision.equals("kill") && askState.equals(AskState.MISSING.words()) ? "release" : decision;
    }

    /** True when its lead has not confirmed an ask: carried over or missing. */
    public boolean awaitsLead() {
        return askState.equals(AskState.CARRIED.words()) || askState.equals(AskState.MISSING.words());
    }

    /** Whether the row matches the filter (the filter's blank fields match everything). */
    boolean matches(BoardFilter filter) {
        String text = filter.text().toLowerCase(Locale.ROOT);
        return (filter.category().isEmpty() || filter.category().equals(category))
                && (filter.decision().isEmpty() || filter.decision().equals(decision))
                && (filter.lead().isEmpty() || filter.lead().equals(lead))
                && (text.isEmpty()
                        || id.contains(text)
                        || name.toLowerCase(Locale.ROOT).contains(text)
                        || lead.toLowerCase(Locale.ROOT).contains(text));
    }
}
