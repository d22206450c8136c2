package dev.allot.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reclaiming borrowed GPUs for an owner (Kueue's reclaim within a cohort): victims are running jobs on the type whose
 * project uses more than its grant of it, lowest priority first, then most recently started. Victims are released
 * one at a time until the owner's job fits; only then are they really preempted, otherwise nothing changes.
 */
final class Reclaim {
    /** Larger than any start time in seconds (three centuries), so priority dominates the sort key. */
    private static final double PRIORITY_STEP = 1e10;

    private Reclaim() {}

    /** Preempts what is needed and returns the owner job's placement, or null (and changes nothing). */
    static int[] plan(Engine engine, int job, int type) {
        int owner = engine.work.project[job];
        int[] victims = candidates(engine, owner, type);
        Map<Integer, Integer> releasedByProject = new HashMap<>();
        List<Integer> released = new ArrayList<>();
        int[] where = null;
        for (int victim : victims) {
            int project = engine.work.project[victim];
            int stillUsed = engine.used[project][type] - releasedByProject.getOrDefault(project, 0);
            if (stillUsed <= engine.grant[project][type]) {
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

    /** Jobs of over-grant projects on the type: lowest priority first, then latest start, then latest arrival. */
    private static int[] candidates(Engine engine, int owner, int type) {
        RunningSet running = engine.running;
        int[] victims = new int[running.size(type)];
        double[] keys = new double[victims.length];
        int count = 0;
        for (int i = 0; i < running.size(type); i++) {
            int job = running.get(type, i);
            int project = engine.work.project[job];
            if (project != owner
                    && engine.used[project][type] > engine.grant[project][type]
                    && engine.work.blockOf[job] < 0) {
                victims[count] = ~job;
                keys[count++] = engine.work.priority[job] * PRIORITY_STEP - engine.runStart[job];
            }
        }
        Sorting.byKey(victims, keys, count);
        int[] jobs = new int[count];
        for (int i = 0; i < count; i++) {
            jobs[i] = ~victims[i];
        }
        return jobs;
    }
}
