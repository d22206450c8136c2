package dev.allot.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays a plan's {@link PlanTimeline} during one run: at a period's first day every project's grant becomes that
 * period's; a capacity event adds GPUs to or removes them from its pool (jobs on the nodes taken out are stopped as
 * by a preemption, and requeued); a reserved block's run starts on its first day on whole nodes of its type that no
 * other job may use, jobs on them are stopped to make room, and a block waits only while its pool lacks the nodes.
 * What each block and event did is kept for the report. Does nothing for a single-period plan without events.
 */
final class TimelineRun {
    private final Engine engine;
    final PlanTimeline plan;
    private int nextStep;
    private int grantSteps;
    /** Per grant step (0: the plan's first grants), the largest grant of each project and type from then on. */
    private final int[][][] largestGrants;
    /** Block runs waiting for nodes, in order of their start. */
    private final List<Integer> waitingBlocks = new ArrayList<>();
    /** Per node, whether a block's run holds it. */
    private final boolean[] blockNode;

    final double[] blockFirstStart;
    final int[] blockInterruptions;
    /** Per block: jobs stopped to make room for its run. */
    final int[] blockDisplaced;

    final double[] blockDisplacedLostGpuSeconds;
    /** Per block, why its run could not start when it first tried, or null. */
    final String[] blockWaitReason;
    /** Per capacity event: jobs its removals stopped, and the running time they lost in GPU-seconds. */
    final int[] eventPreempted;

    final double[] eventLostGpuSeconds;

    TimelineRun(Engine engine) {
        this.engine = engine;
        this.plan = engine.work.timeline;
        this.blockNode = new boolean[engine.cluster.nodeCount()];
        int blocks = plan.blocks.size();
        blockFirstStart = new double[blocks];
        java.util.Arrays.fill(blockFirstStart, Double.NaN);
        blockInterruptions = new int[blocks];
        blockDisplaced = new int[blocks];
        blockDisplacedLostGpuSeconds = new double[blocks];
        blockWaitReason = new String[blocks];
        eventPreempted = new int[plan.events.size()];
        eventLostGpuSeconds = new double[plan.events.size()];
        largestGrants = plan.largestGrantsFrom(engine.work.grant);
        engine.largestGrant = largestGrants[0];
    }

    double nextStepSeconds() {
        return nextStep < plan.steps.size() ? plan.steps.get(nextStep).seconds() : Double.POSITIVE_INFINITY;
    }

    /** Whether a job or a block waits to start (so later steps still matter once nothing arrives or runs). */
    boolean waiting(Engine at) {
        if (!waitingBlocks.isEmpty()) {
            return true;
        }
        for (int i = 0; i < at.pendingProjectCount; i++) {
            if (!at.queues[at.pendingProjects[i]].isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Applies every step whose time has come. */
    void applyStepsDue() {
        while (nextStep < plan.steps.size() && plan.steps.get(nextStep).seconds() <= engine.now) {
            PlanTimeline.Step step = plan.steps.get(nextStep++);
            if (step.grants() != null) {
                newGrants(step.grants());
            } else if (step.gpus() > 0) {
                engine.cluster.addGpus(step.pool(), step.gpus());
                capacityChanged();
            } else {
                removeGpus(step);
                capacityChanged();
            }
        }
    }

    private void newGrants(int[][] grants) {
        grantSteps++;
        engine.largestGrant = largestGrants[grantSteps];
        for (int p = 0; p < grants.length; p++) {
            boolean changed = false;
            for (int t = 0; t < grants[p].length; t++) {
                int blocks = engine.grant[p][t] - currentPeriodGrant(p, t);
                int next = grants[p][t] + blocks;
                if (next != engine.grant[p][t]) {
                    if (!changed) {
                        engine.recorder.touch(p);
                        changed = true;
                    }
                    engine.recorder.grantChanging(p, t, engine.grant[p][t], next);
                    engine.grant[p][t] = next;
                }
            }
            if (changed) {
                engine.projectVersion[p]++;
                engine.triedAt[p] = -1;
            }
        }
        periodGrants = grants;
        engine.stateVersion++;
        engine.grantsChanged();
    }

    /** The grants of the period in force (the plan's first grants until a later period starts). */
    private int[][] periodGrants;

    private int currentPeriodGrant(int project, int type) {
        return periodGrants == null ? engine.work.grant[project][type] : periodGrants[project][type];
    }

    private void capacityChanged() {
        engine.stateVersion++;
        engine.recorder.capacityChanged();
        for (int p = 0; p < engine.work.projects.size(); p++) {
            engine.triedAt[p] = -1;
        }
    }

    private void removeGpus(PlanTimeline.Step step) {
        int[] nodes = engine.cluster.nodesToRemove(step.pool(), -step.gpus(), blockNode);
        for (int job : jobsOn(nodes, poolType(step.pool()))) {
            double lost = engine.interrupt(job);
            eventPreempted[step.event()]++;
            eventLostGpuSeconds[step.event()] += lost * engine.work.gpus[job];
            resume(job);
        }
        for (int node : nodes) {
            engine.cluster.removeNode(node);
        }
    }

    private int poolType(int pool) {
        var type = engine.work.lab.pools().get(pool).gpuType();
        for (int t = 0; t < engine.work.typeCount(); t++) {
            if (engine.work.types.get(t).id().equals(type)) {
                return t;
            }
        }
        throw new IllegalStateException("pool without a type: " + pool);
    }

    /** Running jobs of the type with GPUs on any of the nodes. */
    private List<Integer> jobsOn(int[] nodes, int type) {
        boolean[] chosen = new boolean[engine.cluster.nodeCount()];
        for (int node : nodes) {
            chosen[node] = true;
        }
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < engine.running.size(type); i++) {
            int job = engine.running.get(type, i);
            int[] where = engine.placement[job];
            for (int k = 0; k < where.length; k += 2) {
                if (chosen[where[k]]) {
                    jobs.add(job);
                    break;
                }
            }
        }
        jobs.sort(null);
        return jobs;
    }

    /** A stopped job waits again: a block's run for nodes, any other job in its project's queue. */
    private void resume(int job) {
        int block = engine.work.blockOf[job];
        if (block >= 0) {
            blockInterruptions[block]++;
            waitingBlocks.add(job);
        } else {
            engine.requeue(job);
        }
    }

    void blockArrived(int job) {
        if (engine.typesOf[job].length == 0) {
            engine.rejectedJob[job] = true;
            engine.rejected++;
            engine.recorder.rejected(job);
            return;
        }
        waitingBlocks.add(job);
    }

    /** Starts every waiting block run for which whole nodes of its type can be had, stopping other jobs on them. */
    void startWaitingBlocks() {
        if (waitingBlocks.isEmpty()) {
            return;
        }
        // a start may stop jobs, which never are block runs, but the list is not walked while it changes anyway
        for (Integer job : List.copyOf(waitingBlocks)) {
            if (startBlock(job)) {
                waitingBlocks.remove(job);
            }
        }
    }

    private boolean startBlock(int job) {
        int block = engine.work.blockOf[job];
        int type = plan.blockType[block];
        int gpus = engine.work.gpus[job];
        int[] where = engine.cluster.place(type, gpus);
        if (where == null) {
            int[] nodes = roomInSomePool(type, gpus);
            if (nodes == null) {
                if (blockWaitReason[block] == null) {
                    blockWaitReason[block] = noRoom(type, gpus);
                }
                return false;
            }
            for (int victim : jobsOn(nodes, type)) {
                double lost = engine.interrupt(victim);
                blockDisplaced[block]++;
                blockDisplacedLostGpuSeconds[block] += lost * engine.work.gpus[victim];
                resume(victim);
            }
            where = engine.cluster.place(type, gpus);
            if (where == null) {
                return false;
            }
        }
        int project = engine.work.project[job];
        engine.recorder.touch(project);
        engine.recorder.grantChanging(project, type, engine.grant[project][type], engine.grant[project][type] + gpus);
        engine.grant[project][type] += gpus;
        for (int k = 0; k < where.length; k += 2) {
            blockNode[where[k]] = true;
        }
        if (Double.isNaN(blockFirstStart[block])) {
            blockFirstStart[block] = engine.now;
        }
        engine.launch(job, type, where, false);
        return true;
    }

    private String noRoom(int type, int gpus) {
        int held = 0;
        for (int node = 0; node < blockNode.length; node++) {
            held += blockNode[node] ? engine.cluster.nodeGpus(node) : 0;
        }
        String name = engine.work.types.get(type).id().value();
        return String.format(
                java.util.Locale.ROOT,
                "needs %,d %s in whole nodes of one pool; on day %.1f %,d %s were in service%s",
                gpus,
                name,
                engine.now / PlanTimeline.DAY_SECONDS,
                engine.cluster.capacityGpus(type),
                name,
                held > 0 ? String.format(java.util.Locale.ROOT, " and other blocks held %,d GPUs", held) : "");
    }

    /** The report of the blocks and capacity events, at the end of the run. */
    TimelineOutcome outcome() {
        return TimelineReport.of(engine, this);
    }

    /** Nodes of one pool of the type, no block's, that together hold the block: the least busy ones; or null. */
    private int[] roomInSomePool(int type, int gpus) {
        var pools = engine.work.lab.pools();
        for (int pool = 0; pool < pools.size(); pool++) {
            if (poolType(pool) != type) {
                continue;
            }
            int[] nodes = engine.cluster.nodesToRemove(pool, gpus, blockNode);
            int held = 0;
            boolean free = true;
            for (int node : nodes) {
                free &= !blockNode[node];
                held += engine.cluster.nodeGpus(node);
            }
            if (free && held >= gpus) {
                return nodes;
            }
        }
        return null;
    }

    /** A block's run stops (done, or interrupted): its nodes and its GPUs on top of the grant go back. */
    void blockStopping(int job) {
        int type = engine.runType[job];
        int project = engine.work.project[job];
        int[] where = engine.placement[job];
        for (int k = 0; k < where.length; k += 2) {
            blockNode[where[k]] = false;
        }
        engine.recorder.touch(project);
        int gpus = engine.work.gpus[job];
        engine.recorder.grantChanging(project, type, engine.grant[project][type], engine.grant[project][type] - gpus);
        engine.grant[project][type] -= gpus;
    }
}
