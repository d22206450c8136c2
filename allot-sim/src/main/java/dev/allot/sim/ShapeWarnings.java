package dev.allot.sim;

import dev.allot.core.model.Ask;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks whose declared job shape the trace contradicts, before any run: a project that submits jobs larger than the
 * largest job its ask declares, or jobs that can run only on types its shape excludes. The planner's job-shape rules
 * (the strict per-type floor, the largest-job guard rail) see only the declared shape, so the plan may not start
 * those jobs even when it keeps every rule.
 */
final class ShapeWarnings {
    private ShapeWarnings() {}

    /** One line per project whose trace jobs exceed its declared shape, in plan order. */
    static List<String> of(Workload work) {
        Map<ProjectId, Ask> asks = work.lab.asksByProject();
        int projectCount = work.projects.size();
        JobShape[] shapes = new JobShape[projectCount];
        for (int p = 0; p < projectCount; p++) {
            Ask ask = asks.get(work.projects.get(p).project());
            shapes[p] = ask == null ? null : ask.jobShape().orElse(null);
        }
        long[] jobs = new long[projectCount];
        long[] larger = new long[projectCount];
        int[] smallestLarger = new int[projectCount];
        int[] largestLarger = new int[projectCount];
        long[] elsewhere = new long[projectCount];
        List<Set<String>> elsewhereTypes = new ArrayList<>();
        for (int p = 0; p < projectCount; p++) {
            elsewhereTypes.add(new TreeSet<>());
            smallestLarger[p] = Integer.MAX_VALUE;
        }
        for (int j = 0; j < work.jobCount; j++) {
            int p = work.project[j];
            if (work.blockOf[j] >= 0) {
                continue;
            }
            jobs[p]++;
            JobShape shape = shapes[p];
            if (shape == null) {
                continue;
            }
            if (work.gpus[j] > shape.largestJobGpus()) {
                larger[p]++;
                smallestLarger[p] = Math.min(smallestLarger[p], work.gpus[j]);
                largestLarger[p] = Math.max(largestLarger[p], work.gpus[j]);
            }
            Set<String> usable = new TreeSet<>();
            boolean inShape = false;
            for (int t = 0; t < work.typeCount(); t++) {
                if (work.seconds(j, t) < Double.POSITIVE_INFINITY) {
                    usable.add(work.types.get(t).id().value());
                    inShape |= shape.runsOn(work.types.get(t).id());
                }
            }
            if (!inShape && !usable.isEmpty()) {
                elsewhere[p]++;
                elsewhereTypes.get(p).addAll(usable);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int p = 0; p < projectCount; p++) {
            String project = "Project " + work.projects.get(p).project();
            if (larger[p] > 0) {
                warnings.add(project + " declares a largest job of " + shapes[p].largestJobGpus() + " GPUs, but "
                        + larger[p] + " of its " + jobs[p] + " trace jobs ask for "
                        + (smallestLarger[p] == largestLarger[p]
                                ? String.valueOf(largestLarger[p])
                                : smallestLarger[p] + "-" + largestLarger[p])
                        + " GPUs; the plan's job-shape rules do not see them. Maybe a largest job of "
                        + largestLarger[p] + " GPUs?");
            }
            if (elsewhere[p] > 0) {
                warnings.add(project + " declares jobs that run on " + String.join(", ", typeNames(shapes[p]))
                        + ", but " + elsewhere[p] + " of its " + jobs[p] + " trace jobs run only on "
                        + String.join(", ", elsewhereTypes.get(p))
                        + ", which the plan does not grant it. Maybe add them to its job shape's GPU types?");
            }
        }
        return warnings;
    }

    private static List<String> typeNames(JobShape shape) {
        return shape.gpuTypes().stream().map(type -> type.value()).toList();
    }
}
