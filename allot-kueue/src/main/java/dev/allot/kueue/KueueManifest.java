package dev.allot.kueue;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The Kueue objects that enforce a plan on one date, in apply order (namespaces and flavors before the queues that
 * use them), and the yields still to come.
 *
 * @param asOf the date the quotas are for
 * @param pendingYields projects that keep GPUs now which they must yield later; re-apply on or after each date
 * @param blocks one line per reserved block of the plan that has not ended by {@code asOf}, with the days its quota
 *     is raised: {@code runner: H100:32 2026-12-01..2026-12-11, in force}
 */
public record KueueManifest(
        LocalDate asOf,
        KueueApiVersion apiVersion,
        List<KueueObject> objects,
        List<PendingYield> pendingYields,
        List<String> blocks) {
    public KueueManifest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(apiVersion, "apiVersion");
        objects = List.copyOf(objects);
        pendingYields = List.copyOf(pendingYields);
        blocks = List.copyOf(blocks);
    }

    /** A manifest of a plan without reserved blocks. */
    public KueueManifest(
            LocalDate asOf, KueueApiVersion apiVersion, List<KueueObject> objects, List<PendingYield> pendingYields) {
        this(asOf, apiVersion, objects, pendingYields, List.of());
    }

    /**
     * A project holding {@code now} until {@code yieldBy}, then {@code after}; {@code reason} says when the change is
     * a reserved block starting or ending ({@code reserved block starts}), else it is empty.
     */
    public record PendingYield(ProjectId project, LocalDate yieldBy, Allocation now, Allocation after, String reason) {
        public PendingYield(ProjectId project, LocalDate yieldBy, Allocation now, Allocation after) {
            this(project, yieldBy, now, after, "");
        }
    }

    public List<KueueObject> ofKind(String kind) {
        return objects.stream().filter(object -> object.kind().equals(kind)).toList();
    }
}
