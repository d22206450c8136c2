package dev.allot.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reclaiming borrowed GPUs for an owner (Kueue's reclaim within a cohort): victims are running jobs on the type whose
 * project uses more than its grant of it, lowest priority first, then most recently started. Victims are released
 * one at a time until the owner's job fits; only then are they really preempted, otherwise nothing changes.
 */
final class Reclaim {
    private Reclaim() {}

    /** Preempts what is needed and returns the owner job's placement, or null (and changes nothing). */
    static int[] plan(Engine engine, int job, int type) {
        int owner = engine.work.project[job];
        List<Integer> victims = candidates(engine, owner, type);
        Map<Integer, Integer> releasedByProject = new HashMap<>();
        List<Integer> released = new ArrayList<>();
        int[] where = null;
        for (int victim : victims) {
            int project = engine.work.project[victim];
            int stillUsed = engine.used[project][type] - releasedByProject.getOrDefault(project, 0);
            if (stillUsed <= engine.work.grant[project][type]) {
                continue;
            }
            engine.cluster.release(engine.placement[victim]);
            released.add(victim);
            releasedByProject.merge(project, engine.work.gpus[victim], Integer::sum);
            where = engine.cluster.place(type, engine.work.gpus[job]);
            if (where != null) {
                break;
            }
        }
        if (where != null) {
            engine.cluster.release(where);
        }
        for (int victim : released) {
            engine.cluster.occupy(engine.placement[victim]);
        }
        if (where == null) {
            return null;
        }
        for (int victim : released) {
            engine.preempt(victim);
        }
        if (!engine.cluster.isFree(where)) {
            throw new IllegalStateException("reclaimed placement is not free");
        }
        engine.cluster.occupy(where);
        return where;
    }

    private static List<Integer> candidates(Engine engine, int owner, int type) {
        List<Integer> victims = new ArrayList<>();
        RunningSet running = engine.running;
        for (int i = 0; i < running.size(type); i++) {
            int job = running.get(type, i);
            int project = engine.work.project[job];
            if (project != owner && engine.used[project][type] > engine.work.grant[project][type]) {
                victims.add(job);
            }
        }
        victims.sort(Comparator.comparingInt((Integer j) -> engine.work.priority[j])
                .thenComparingDouble(j -> -engine.runStart[j])
                .thenComparingInt(j -> -j));
        return victims;
    }
}
