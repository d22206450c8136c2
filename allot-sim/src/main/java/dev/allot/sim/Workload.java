package dev.allot.sim;

import dev.allot.core.AllotException;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled input of one run: jobs as primitive arrays sorted by arrival, projects with their grants and
 * categories, and GPU types with their speeds. Indices, not ids, so the event loop allocates nothing per job.
 */
final class Workload {
    final List<ProjectPlan> projects;
    final List<CategoryId> categories;
    final List<GpuType> types;
    final int[] categoryOf;
    /** grant[p][t] in GPUs. */
    final int[][] grant;

    final double[] speed;

    final int jobCount;
    final long[] jobId;
    final double[] submit;
    final int[] gpus;
    final int[] project;
    final int[] priority;
    /** seconds[j * types + t], infinity when job j cannot run on type t. */
    final double[] seconds;

    /** Per job, the index of the reserved block whose run it is, or -1 for a trace job. */
    final int[] blockOf;
    /** The plan's periods, the lab's capacity events and the plan's blocks, in simulated seconds. */
    final PlanTimeline timeline;

    final Lab lab;
    private final Plan plan;
    private final java.util.Map<String, String> gpuTypeMapping;
    /** Each trace group's projects and why, for reports. */
    final java.util.Map<String, String> groupMapping;

    private Workload(Lab lab, Plan plan, Trace trace, SimOptions options) {
        this.lab = lab;
        this.plan = plan;
        this.projects = plan.projects();
        this.types = lab.gpuTypes();
        int typeCount = types.size();
        this.speed = types.stream().mapToDouble(GpuType::relativeSpeed).toArray();
        List<CategoryId> cats = new ArrayList<>();
        lab.categories().forEach(category -> cats.add(category.id()));
        projects.forEach(line -> {
            if (!cats.contains(line.category())) {
                cats.add(line.category());
            }
        });
        this.categories = List.copyOf(cats);
        this.categoryOf = projects.stream()
                .mapToInt(line -> categories.indexOf(line.category()))
                .toArray();
        this.grant = new int[projects.size()][typeCount];
        for (int p = 0; p < projects.size(); p++) {
            for (int t = 0; t < typeCount; t++) {
                grant[p][t] = projects.get(p).grant().gpus(types.get(t).id());
            }
        }
        checkAllowedTypes(trace, options.labTypeToTraceType());
        List<TraceJob> jobs = trace.jobs();
        GroupMapper.Assignment assignment = GroupMapper.assign(trace, plan, options.groupToProject(), options.seed());
        int[] assigned = assignment.projectOfJob();
        this.groupMapping = assignment.mapping();
        GpuTypeMapper mapper = new GpuTypeMapper(types, trace, options.labTypeToTraceType());
        this.gpuTypeMapping = mapper.describe();
        Integer[] order = new Integer[jobs.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> jobs.get(i).submitSeconds()));
        double firstArrival = jobs.isEmpty() ? 0 : jobs.get(order[0]).submitSeconds() / options.arrivalScale();
        this.timeline = PlanTimeline.compile(lab, plan, this, firstArrival);
        int blockCount = timeline.blocks.size();
        this.jobCount = jobs.size() + blockCount;
        this.jobId = new long[jobCount];
        this.submit = new double[jobCount];
        this.gpus = new int[jobCount];
        this.project = new int[jobCount];
        this.priority = new int[jobCount];
        this.seconds = new double[jobCount * typeCount];
        this.blockOf = new int[jobCount];
        Integer[] blocks = new Integer[blockCount];
        Arrays.setAll(blocks, b -> b);
        Arrays.sort(blocks, Comparator.comparing(b -> timeline.blocks.get(b).start()));
        int nextTrace = 0;
        int nextBlock = 0;
        for (int j = 0; j < jobCount; j++) {
            boolean block = nextBlock < blockCount
                    && (nextTrace == order.length
                            || timeline.seconds(timeline.blocks
                                            .get(blocks[nextBlock])
                                            .start())
                                    < jobs.get(order[nextTrace]).submitSeconds() / options.arrivalScale());
            if (block) {
                addBlockJob(j, blocks[nextBlock++]);
                continue;
            }
            TraceJob job = jobs.get(order[nextTrace]);
            blockOf[j] = -1;
            jobId[j] = job.id();
            submit[j] = job.submitSeconds() / options.arrivalScale();
            gpus[j] = job.gpus();
            project[j] = assigned[order[nextTrace]];
            priority[j] = job.priority();
            for (int t = 0; t < typeCount; t++) {
                seconds[j * typeCount + t] = mapper.seconds(job, t);
            }
            nextTrace++;
        }
    }

    /** The run of a reserved block: its GPUs of its type for its days, from its first day; nothing else. */
    private void addBlockJob(int j, int b) {
        var block = timeline.blocks.get(b);
        blockOf[j] = b;
        jobId[j] = -(b + 1L);
        submit[j] = timeline.seconds(block.start());
        gpus[j] = block.gpus();
        project[j] = timeline.blockProject[b];
        int typeCount = types.size();
        for (int t = 0; t < typeCount; t++) {
            seconds[j * typeCount + t] = t == timeline.blockType[b]
                    ? timeline.seconds(block.end()) - timeline.seconds(block.start())
                    : Double.POSITIVE_INFINITY;
        }
    }

    static Workload compile(Lab lab, Plan plan, Trace trace, SimOptions options) {
        if (lab.gpuTypes().isEmpty() || lab.pools().isEmpty()) {
            throw AllotException.invalid(
                    "sim.no-gpus",
                    "Lab " + lab.name()
                            + " has no GPU types or no pools, so there is nothing to simulate. Maybe add pools to the lab?");
        }
        if (trace.jobs().isEmpty()) {
            throw AllotException.invalid(
                    "sim.empty-trace", "Trace " + trace.source() + " has no jobs. Maybe point at a non-empty trace?");
        }
        return new Workload(lab, plan, trace, options);
    }

    /** Every allowed GPU type that is neither a lab type nor mapped onto one, all reported at once. */
    private void checkAllowedTypes(Trace trace, java.util.Map<String, String> labTypeToTraceType) {
        Set<String> known = new TreeSet<>();
        types.forEach(type -> known.add(type.id().value()));
        known.addAll(labTypeToTraceType.values());
        java.util.Map<String, List<String>> jobsByUnknownType = new java.util.TreeMap<>();
        for (TraceJob job : trace.jobs()) {
            for (String type : job.allowedGpuTypes()) {
                if (!known.contains(type)) {
                    jobsByUnknownType
                            .computeIfAbsent(type, t -> new ArrayList<>())
                            .add(job.name());
                }
            }
        }
        if (jobsByUnknownType.isEmpty()) {
            return;
        }
        List<dev.allot.core.Problem> problems = new ArrayList<>();
        jobsByUnknownType.forEach((type, jobs) -> problems.add(dev.allot.core.Problem.of(
                        "gpu_types",
                        type,
                        jobs.size() + " jobs (first: " + jobs.get(0) + ") allow it, but lab " + lab.name()
                                + " has no such type")
                .withHint("Maybe map it with --gpu-map LABTYPE=" + type + ", LABTYPE one of " + known + "?")));
        throw new AllotException(
                AllotException.Kind.INVALID_INPUT,
                "sim.unknown-gpu-type",
                "Trace " + trace.source() + " allows GPU types lab " + lab.name() + " does not have: "
                        + jobsByUnknownType.keySet() + ". Maybe map them with --gpu-map LABTYPE=TRACETYPE?",
                problems,
                null);
    }

    /**
     * What the plan can never start, before any run: a headline naming the projects and their counts, then one line
     * per project with jobs larger than every pool of the types they can use (no policy starts them) and one per
     * project with jobs that need more GPUs than its grant of every type they can use in every period (under strict
     * quotas they never start; other policies start them only on borrowed GPUs). The plan's capacity warnings come
     * first, the asks whose job shape the trace contradicts ({@link ShapeWarnings}) last.
     */
    List<String> planWarnings() {
        int projectCount = projects.size();
        long[] jobs = new long[projectCount];
        long[] aboveGrant = new long[projectCount];
        long[] abovePool = new long[projectCount];
        int[] largest = new int[projectCount];
        int[] largestGrant = new int[projectCount];
        int[] largestAbovePool = new int[projectCount];
        int[] largestPool = new int[projectCount];
        // a job that fits a later period's grant starts then
        int[][] grants = timeline.largestGrantsFrom(grant)[0];
        Cluster empty = new Cluster(types, lab.pools(), timeline.arrivingGpus);
        long traceJobs = 0;
        for (int j = 0; j < jobCount; j++) {
            if (blockOf[j] >= 0) {
                continue;
            }
            traceJobs++;
            int p = project[j];
            jobs[p]++;
            int usableGrant = 0;
            int usablePool = 0;
            for (int t = 0; t < types.size(); t++) {
                if (seconds(j, t) < Double.POSITIVE_INFINITY) {
                    usableGrant = Math.max(usableGrant, grants[p][t]);
                    usablePool = Math.max(usablePool, empty.largestJob(t));
                }
            }
            if (gpus[j] > usablePool) {
                abovePool[p]++;
                largestAbovePool[p] = Math.max(largestAbovePool[p], gpus[j]);
                largestPool[p] = Math.max(largestPool[p], usablePool);
            } else if (gpus[j] > usableGrant) {
                aboveGrant[p]++;
                largest[p] = Math.max(largest[p], gpus[j]);
                largestGrant[p] = Math.max(largestGrant[p], usableGrant);
            }
        }
        List<String> warnings = new ArrayList<>(PlanTimeline.capacityWarnings(lab, plan));
        neverStartHeadline(traceJobs, aboveGrant, abovePool).ifPresent(warnings::add);
        for (int p = 0; p < projectCount; p++) {
            if (abovePool[p] > 0) {
                warnings.add("Project " + projects.get(p).project() + ": " + abovePool[p] + " of " + jobs[p]
                        + " jobs need more GPUs than any pool of a type they can use (largest job "
                        + largestAbovePool[p] + " GPUs, largest pool " + largestPool[p]
                        + "); no policy starts them.");
            }
            if (aboveGrant[p] > 0) {
                warnings.add("Project " + projects.get(p).project() + ": " + aboveGrant[p] + " of " + jobs[p]
                        + " jobs need more GPUs than its grant of any type they can use (largest job " + largest[p]
                        + " GPUs, largest usable grant " + largestGrant[p]
                        + "); under strict quotas they never start.");
            }
        }
        warnings.addAll(ShapeWarnings.of(this));
        return warnings;
    }

    /** "The plan can never start 3 of 40 trace jobs (7.5 %) under strict quotas, in 2 projects: llm 2, vision 1." */
    private java.util.Optional<String> neverStartHeadline(long traceJobs, long[] aboveGrant, long[] abovePool) {
        List<Integer> named = new ArrayList<>();
        long total = 0;
        for (int p = 0; p < aboveGrant.length; p++) {
            if (aboveGrant[p] + abovePool[p] > 0) {
                named.add(p);
                total += aboveGrant[p] + abovePool[p];
            }
        }
        if (total == 0) {
            return java.util.Optional.empty();
        }
        named.sort(Comparator.comparingLong((Integer p) -> -(aboveGrant[p] + abovePool[p]))
                .thenComparing(p -> projects.get(p).project().value()));
        StringBuilder counts = new StringBuilder();
        for (int k = 0; k < Math.min(named.size(), 10); k++) {
            int p = named.get(k);
            counts.append(k == 0 ? "" : ", ")
                    .append(projects.get(p).project())
                    .append(' ')
                    .append(aboveGrant[p] + abovePool[p]);
        }
        if (named.size() > 10) {
            counts.append(" and ").append(named.size() - 10).append(" more");
        }
        return java.util.Optional.of(String.format(
                java.util.Locale.ROOT,
                "The plan can never start %,d of %,d trace jobs (%.1f %%) under strict quotas, in %d project%s: %s.",
                total,
                traceJobs,
                100.0 * total / traceJobs,
                named.size(),
                named.size() == 1 ? "" : "s",
                counts));
    }

    /** Which trace type each lab type runs like, for reports. */
    java.util.Map<String, String> gpuTypeMapping() {
        return gpuTypeMapping;
    }

    int typeCount() {
        return types.size();
    }

    double seconds(int job, int type) {
        return seconds[job * types.size() + type];
    }
}
