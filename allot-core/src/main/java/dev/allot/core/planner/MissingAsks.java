package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the planner does with an active continuing project (one with a previous grant) that has no ask this cycle:
 * the policy's {@link NoAsk} rule turns its silence into a stand-in ask, or into a release. The planner, the plan
 * invariants and the guard rails all read it here, so a silent project is never killed without saying so.
 */
public final class MissingAsks {
    private MissingAsks() {}

    /** Active projects with a previous grant and no ask this cycle, in lab order. */
    public static List<ProjectId> silent(Lab lab) {
        Map<ProjectId, Ask> asks = lab.asksByProject();
        List<ProjectId> silent = new ArrayList<>();
        for (Project project : lab.projects()) {
            if (project.status() == ProjectStatus.ACTIVE
                    && !asks.containsKey(project.id())
                    && !lab.previousGrant(project.id()).isEmpty()) {
                silent.add(project.id());
            }
        }
        return silent;
    }

    /** The lab's asks plus a stand-in for every silent project the policy keeps (none under {@code release}). */
    public static Map<ProjectId, Ask> asksForPlanning(Lab lab) {
        Map<ProjectId, Ask> asks = new LinkedHashMap<>(lab.asksByProject());
        if (lab.policy().noAsk() == NoAsk.RELEASE) {
            return asks;
        }
        Fleet fleet = Fleet.of(lab);
        for (ProjectId id : silent(lab)) {
            standIn(lab, fleet, lab.previousGrant(id), id).ifPresent(ask -> asks.put(id, ask));
        }
        return asks;
    }

    /** How the policy treats a silent project, in words for its explanation: {@code policy noAsk: keep holds the last grant}. */
    public static String rule(NoAsk rule) {
        return switch (rule) {
            case KEEP -> "policy noAsk: keep holds the last grant";
            case FLOOR_ONLY -> "policy noAsk: floorOnly keeps the least continuity allows from the last grant";
            case RELEASE -> "policy noAsk: release gives nothing, yielding the last grant by the notice date";
        };
    }

    /**
     * The ask standing in for a silent project: floor = target = ceiling on the GPU types of its last grant, at the
     * last grant's total ({@code keep}) or at the least the policy's max change allows from it, rounded up to whole
     * nodes of those types ({@code floorOnly}). Empty under {@code release} or when the last grant holds no type the
     * lab still has.
     */
    static Optional<Ask> standIn(Lab lab, Fleet fleet, Allocation previous, ProjectId project) {
        List<GpuTypeId> types = previous.gpus().keySet().stream()
                .filter(fleet.facts()::containsKey)
                .toList();
        if (types.isEmpty() || lab.policy().noAsk() == NoAsk.RELEASE) {
            return Optional.empty();
        }
        int had = previous.totalGpus();
        int wanted = lab.policy().noAsk() == NoAsk.KEEP
                ? had
                : (int) Math.ceil(had * (1 - lab.policy().maxChangeFraction()) - 1e-9);
        int gpus = wholeNodes(fleet, types, Math.max(1, wanted), had);
        if (gpus == 0) {
            return Optional.empty();
        }
        return Optional.of(new Ask(
                project,
                gpus,
                gpus,
                gpus,
                java.util.Set.copyOf(types),
                Map.of(),
                "No ask this cycle; " + rule(lab.policy().noAsk()) + "."));
    }

    /** The least whole-node total of {@code types} from {@code wanted} up to {@code had}, else the most below. */
    private static int wholeNodes(Fleet fleet, List<GpuTypeId> types, int wanted, int had) {
        BitSet totals = GrantRules.wholeNodeTotals(fleet, types, had);
        int found = totals.nextSetBit(Math.min(wanted, had));
        return found >= 0 && found <= had ? found : Math.max(0, totals.previousSetBit(had));
    }
}
