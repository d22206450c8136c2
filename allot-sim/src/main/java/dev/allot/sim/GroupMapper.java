package dev.allot.sim;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Assigns each trace job to a plan project.
 *
 * <p>Explicit: every group must be named in the map and every mapped project must be in the plan. Automatic: funded
 * projects (ordered by granted GPUs, largest first) and groups (ordered by requested GPU-seconds, largest first) are
 * paired by rank. With more groups than projects, group {@code i} goes to project {@code i mod P}; with more projects
 * than groups, project {@code j} joins group {@code j mod G} and each job of a group goes to one of that group's
 * projects drawn at random from the seeded generator.
 */
final class GroupMapper {
    private GroupMapper() {}

    /** Project index (in plan order) for each job, in trace order. */
    static int[] assign(Trace trace, Plan plan, Map<String, String> explicit, long seed) {
        Map<String, Integer> projectIndex = new HashMap<>();
        List<ProjectPlan> lines = plan.projects();
        for (int i = 0; i < lines.size(); i++) {
            projectIndex.put(lines.get(i).project().value(), i);
        }
        return explicit.isEmpty() ? automatic(trace, lines, seed) : explicit(trace, explicit, projectIndex);
    }

    private static int[] explicit(Trace trace, Map<String, String> explicit, Map<String, Integer> projectIndex) {
        List<Problem> problems = new ArrayList<>();
        explicit.forEach((group, project) -> {
            if (!projectIndex.containsKey(project)) {
                problems.add(Problem.of("group-map." + group, project, "names a project that is not in the plan")
                        .withHint("Maybe one of "
                                + new java.util.TreeSet<>(projectIndex.keySet())
                                        .stream().limit(5).toList() + "?"));
            }
        });
        for (String group : trace.groups()) {
            if (!explicit.containsKey(group)) {
                problems.add(Problem.of("group-map", group, "trace group is not mapped to a project")
                        .withHint("Maybe add " + group + "=<project>?"));
            }
        }
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "sim.group-map",
                    "Group mapping has " + problems.size() + " problem(s); first: "
                            + problems.get(0).describe(),
                    problems,
                    null);
        }
        List<TraceJob> jobs = trace.jobs();
        int[] assigned = new int[jobs.size()];
        for (int i = 0; i < assigned.length; i++) {
            assigned[i] = projectIndex.get(explicit.get(jobs.get(i).group()));
        }
        return assigned;
    }

    private static int[] automatic(Trace trace, List<ProjectPlan> lines, long seed) {
        List<Integer> funded = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).grant().totalGpus() > 0) {
                funded.add(i);
            }
        }
        if (funded.isEmpty()) {
            throw AllotException.invalid(
                    "sim.no-funded-project",
                    "The plan has " + lines.size()
                            + " project(s) but none is granted GPUs, so no trace group can be mapped automatically."
                            + " Maybe pass an explicit group map?");
        }
        funded.sort(Comparator.comparingInt((Integer i) -> -lines.get(i).grant().totalGpus())
                .thenComparing(i -> lines.get(i).project()));
        List<String> groups = groupsByDemand(trace);
        Map<String, List<Integer>> projectsOfGroup = new LinkedHashMap<>();
        groups.forEach(group -> projectsOfGroup.put(group, new ArrayList<>()));
        int pairs = Math.max(groups.size(), funded.size());
        for (int k = 0; k < pairs; k++) {
            List<Integer> members = projectsOfGroup.get(groups.get(k % groups.size()));
            int project = funded.get(k % funded.size());
            if (!members.contains(project)) {
                members.add(project);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<TraceJob> jobs = trace.jobs();
        int[] assigned = new int[jobs.size()];
        for (int i = 0; i < assigned.length; i++) {
            List<Integer> members = projectsOfGroup.get(jobs.get(i).group());
            assigned[i] = members.size() == 1 ? members.get(0) : members.get(random.nextInt(members.size()));
        }
        return assigned;
    }

    private static List<String> groupsByDemand(Trace trace) {
        Map<String, Double> demand = new HashMap<>();
        for (TraceJob job : trace.jobs()) {
            double seconds = job.secondsByTraceGpuType().isEmpty()
                    ? job.referenceSeconds()
                    : job.secondsByTraceGpuType().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .min()
                            .orElse(0);
            demand.merge(job.group(), job.gpus() * seconds, Double::sum);
        }
        List<String> groups = new ArrayList<>(trace.groups());
        groups.sort(Comparator.comparingDouble((String g) -> -demand.get(g)).thenComparing(g -> g));
        return groups;
    }
}
