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
 * <p>Explicit: every group must be named in the map and every mapped project must be in the plan. Automatic: a group
 * named like a project of the plan goes to that project. The other groups (ordered by requested GPU-seconds, largest
 * first) and the funded projects no group is named like (ordered by granted GPUs, largest first; all funded projects
 * when every one of them has its namesake) are paired by rank. With more groups than projects, group {@code i} goes to project {@code i mod P}; with more projects
 * than groups, project {@code j} joins group {@code j mod G} and each job of a group goes to one of that group's
 * projects drawn at random from the seeded generator.
 */
final class GroupMapper {
    private GroupMapper() {}

    /**
     * @param projectOfJob project index (in plan order) for each job, in trace order
     * @param mapping for each group, its projects and why, e.g. {@code vision (same name)}; for reports
     */
    record Assignment(int[] projectOfJob, Map<String, String> mapping) {}

    static Assignment assign(Trace trace, Plan plan, Map<String, String> explicit, long seed) {
        Map<String, Integer> projectIndex = new HashMap<>();
        List<ProjectPlan> lines = plan.projects();
        for (int i = 0; i < lines.size(); i++) {
            projectIndex.put(lines.get(i).project().value(), i);
        }
        if (!explicit.isEmpty()) {
            Map<String, String> mapping = new LinkedHashMap<>();
            trace.groups().forEach(group -> mapping.put(group, explicit.get(group) + " (given)"));
            return new Assignment(explicit(trace, explicit, projectIndex), mapping);
        }
        return automatic(trace, lines, projectIndex, seed);
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

    private static Assignment automatic(
            Trace trace, List<ProjectPlan> lines, Map<String, Integer> projectIndex, long seed) {
        List<Integer> funded = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).grant().totalGpus() > 0) {
                funded.add(i);
            }
        }
        Map<String, List<Integer>> projectsOfGroup = new LinkedHashMap<>();
        Map<String, String> why = new HashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (String group : groupsByDemand(trace)) {
            Integer namesake = projectIndex.get(group);
            if (namesake != null) {
                projectsOfGroup.put(group, new ArrayList<>(List.of(namesake)));
                why.put(group, "same name");
            } else {
                unnamed.add(group);
            }
        }
        List<Integer> free = new ArrayList<>(funded);
        projectsOfGroup.values().forEach(free::removeAll);
        if (free.isEmpty()) {
            free = funded;
        }
        if (!unnamed.isEmpty() && free.isEmpty()) {
            throw AllotException.invalid(
                    "sim.no-funded-project",
                    "The plan has " + lines.size()
                            + " project(s) but none is granted GPUs, so trace groups " + unnamed
                            + " cannot be mapped automatically. Maybe pass an explicit group map?");
        }
        free.sort(Comparator.comparingInt((Integer i) -> -lines.get(i).grant().totalGpus())
                .thenComparing(i -> lines.get(i).project()));
        unnamed.forEach(group -> {
            projectsOfGroup.put(group, new ArrayList<>());
            why.put(group, "by rank of demand and grant");
        });
        int pairs = unnamed.isEmpty() ? 0 : Math.max(unnamed.size(), free.size());
        for (int k = 0; k < pairs; k++) {
            List<Integer> members = projectsOfGroup.get(unnamed.get(k % unnamed.size()));
            int project = free.get(k % free.size());
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
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String group : trace.groups()) {
            List<String> names = projectsOfGroup.get(group).stream()
                    .map(i -> lines.get(i).project().value())
                    .toList();
            mapping.put(group, String.join(", ", names) + " (" + why.get(group) + ")");
        }
        return new Assignment(assigned, mapping);
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
