package dev.allot.sim.lab;

import dev.allot.core.AllotException;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives a lab from a job trace, so that a lab can replay its own history: one project per trace group (in the
 * category the caller assigns it), one GPU type per trace GPU type (one type {@code gpu} when the trace has none),
 * pools sized to the trace's 95th percentile of concurrent demand (each at least the trace's largest job), and asks
 * from each group's observed demand: floor = median, target = median, ceiling = 99th percentile of the GPUs
 * its jobs would hold at once if each ran from its arrival for its running time on the fastest type. Percentiles are
 * over time, counting only the time the group had jobs, each rounded up to whole nodes (a floor between node sizes
 * could never be funded). Each ask has the group's job shape: its largest job (the maximum, not a percentile: a
 * grant below it leaves that job unable to start) and the types its jobs can run on; target and ceiling are at
 * least that job in whole nodes, so a grant at target can start every job the group ran.
 */
public final class LabFromTrace {
    static final int GPUS_PER_NODE = 8;

    private LabFromTrace() {}

    /**
     * @param categoryOfGroup the category of every group; {@code *} as a key stands for every group not named
     */
    public static Lab derive(
            String name, CycleId cycle, LocalDate cycleStart, Trace trace, Map<String, String> categoryOfGroup) {
        List<String> groups = trace.groups();
        Map<String, String> categories = categories(groups, categoryOfGroup, trace.source());
        List<GpuType> types = types(trace);
        Map<String, DemandCurve> demand = new LinkedHashMap<>();
        DemandCurve total = new DemandCurve();
        for (TraceJob job : trace.jobs()) {
            double seconds = fastestSeconds(job);
            demand.computeIfAbsent(job.group(), g -> new DemandCurve()).add(job.submitSeconds(), seconds, job.gpus());
            total.add(job.submitSeconds(), seconds, job.gpus());
        }
        int largestJob = largestJob(trace);
        int capacity = roundUpToNodes(Math.max(total.percentile(0.95), largestJob));
        List<Pool> pools = new ArrayList<>();
        // each pool holds the largest job, which runs on one type: split evenly, a larger job could never start
        int perType =
                Math.max(roundUpToNodes((int) Math.ceil((double) capacity / types.size())), roundUpToNodes(largestJob));
        types.forEach(
                type -> pools.add(new Pool(type.id().value() + "-pool", "main", type.id(), perType, GPUS_PER_NODE)));
        List<Project> projects = new ArrayList<>();
        List<Ask> asks = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        Map<String, List<TraceJob>> jobsOfGroup = new LinkedHashMap<>();
        trace.jobs()
                .forEach(job -> jobsOfGroup
                        .computeIfAbsent(job.group(), g -> new ArrayList<>())
                        .add(job));
        for (String group : groups) {
            ProjectId id = ProjectId.of(group);
            projects.add(
                    new Project(id, group, CategoryId.of(categories.get(group)), "", List.of(), ProjectStatus.ACTIVE));
            DemandCurve curve = demand.get(group);
            JobShape shape = shape(jobsOfGroup.get(group), types);
            int largest = roundUpToNodes(shape.largestJobGpus());
            // whole nodes, as the default policy grants them: a floor between node sizes could never be funded
            int median = curve.percentile(0.5);
            int floor = median <= 0 ? 0 : roundUpToNodes(median);
            int target = Math.max(floor, largest);
            int ceiling = Math.max(target, roundUpToNodes(curve.percentile(0.99)));
            asks.add(new Ask(
                    id,
                    floor,
                    target,
                    ceiling,
                    java.util.Set.of(),
                    Map.of(),
                    "Observed in " + trace.source() + ": median " + floor + ", median or largest job " + target
                            + ", p99 or largest job " + ceiling + " GPUs at once; largest job "
                            + shape.largestJobGpus() + " GPUs",
                    Optional.of(shape)));
            scores.add(new Score(id, "trace", 5, "no review: derived from the trace"));
        }
        // the default policy's category relation (exploratory >= product) needs both categories declared
        TreeSet<String> categoryNames = new TreeSet<>(categories.values());
        Policy.defaults().relations().forEach(relation -> {
            categoryNames.add(relation.left().value());
            categoryNames.add(relation.right().value());
        });
        List<Category> categoryList = categoryNames.stream()
                .map(c -> new Category(CategoryId.of(c), ""))
                .toList();
        return Lab.builder()
                .name(name)
                .cycle(cycle)
                .cycleStart(cycleStart)
                .gpuTypes(types)
                .pools(pools)
                .categories(categoryList)
                .projects(projects)
                .asks(asks)
                .scores(scores)
                .policy(Policy.defaults())
                .build();
    }

    private static Map<String, String> categories(List<String> groups, Map<String, String> given, String source) {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String group : groups) {
            String category = given.getOrDefault(group, given.get("*"));
            if (category == null) {
                missing.add(group);
            } else {
                result.put(group, category);
            }
        }
        List<String> unknown = given.keySet().stream()
                .filter(group -> !group.equals("*") && !groups.contains(group))
                .toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw AllotException.invalid(
                    "sim.categories",
                    "Flag --categories: "
                            + (missing.isEmpty() ? "" : "groups " + missing + " of " + source + " have no category")
                            + (missing.isEmpty() || unknown.isEmpty() ? "" : "; ")
                            + (unknown.isEmpty() ? "" : "groups " + unknown + " are not in the trace")
                            + ". Maybe add *=CATEGORY for the rest, e.g. --categories " + groups.get(0)
                            + "=product,*=exploratory?");
        }
        return result;
    }

    private static List<GpuType> types(Trace trace) {
        Map<String, Double> speeds = new TreeMap<>(trace.traceGpuTypeSpeeds());
        if (speeds.isEmpty()) {
            trace.jobs().forEach(job -> job.allowedGpuTypes().forEach(type -> speeds.put(type, 1.0)));
        }
        if (speeds.isEmpty()) {
            speeds.put("gpu", 1.0);
        }
        List<GpuType> types = new ArrayList<>();
        speeds.forEach((type, speed) -> types.add(new GpuType(GpuTypeId.of(type), speed)));
        return types;
    }

    /**
     * A group's job shape: its largest job, and the lab types its jobs can run on (the types a job allows, else those
     * it has running times for, else every type); none named when they run on every type.
     */
    static JobShape shape(List<TraceJob> jobs, List<GpuType> types) {
        List<String> every = types.stream().map(type -> type.id().value()).toList();
        int largest = 1;
        Set<String> runsOn = new TreeSet<>();
        for (TraceJob job : jobs) {
            largest = Math.max(largest, job.gpus());
            if (!job.allowedGpuTypes().isEmpty()) {
                runsOn.addAll(job.allowedGpuTypes());
            } else if (!job.secondsByTraceGpuType().isEmpty()) {
                runsOn.addAll(job.secondsByTraceGpuType().keySet());
            } else {
                runsOn.addAll(every);
            }
        }
        Set<GpuTypeId> named = new LinkedHashSet<>();
        if (!runsOn.containsAll(every)) {
            every.stream().filter(runsOn::contains).map(GpuTypeId::of).forEach(named::add);
        }
        return new JobShape(largest, named);
    }

    /**
     * What {@link #derive} made of the job shapes, in a sentence: "Job shapes of 15 projects: largest job 1 to 64
     * GPUs (11cb48 64, 2869ce 32, 6c71a0 32 ...); every project's jobs run on every GPU type."
     */
    public static String describeShapes(Lab lab) {
        List<Ask> shaped = lab.asks().stream()
                .filter(ask -> ask.jobShape().isPresent())
                .sorted(java.util.Comparator.comparingInt(Ask::largestJobGpus)
                        .reversed()
                        .thenComparing(ask -> ask.project().value()))
                .toList();
        if (shaped.isEmpty()) {
            return "No job shapes.";
        }
        StringBuilder largest = new StringBuilder();
        for (int i = 0; i < Math.min(3, shaped.size()); i++) {
            largest.append(i == 0 ? "" : ", ")
                    .append(shaped.get(i).project())
                    .append(' ')
                    .append(shaped.get(i).largestJobGpus());
        }
        long typed = shaped.stream()
                .filter(ask -> !ask.jobShape().get().gpuTypes().isEmpty())
                .count();
        return "Job shapes of " + shaped.size() + " project" + (shaped.size() == 1 ? "" : "s") + ": largest job "
                + shaped.get(shaped.size() - 1).largestJobGpus() + " to "
                + shaped.get(0).largestJobGpus() + " GPUs ("
                + largest + (shaped.size() > 3 ? " ..." : "") + "); "
                + (typed == 0
                        ? "every project's jobs run on every GPU type."
                        : typed + " project" + (typed == 1 ? "'s" : "s'") + " jobs run on only some GPU types.");
    }

    private static double fastestSeconds(TraceJob job) {
        return job.secondsByTraceGpuType().isEmpty()
                ? job.referenceSeconds()
                : job.secondsByTraceGpuType().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .min()
                        .orElse(job.referenceSeconds());
    }

    private static int largestJob(Trace trace) {
        return trace.jobs().stream().mapToInt(TraceJob::gpus).max().orElse(1);
    }

    private static int roundUpToNodes(int gpus) {
        return Math.max(GPUS_PER_NODE, (gpus + GPUS_PER_NODE - 1) / GPUS_PER_NODE * GPUS_PER_NODE);
    }
}
