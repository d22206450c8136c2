package dev.allot.sim;

import java.util.List;
import java.util.Map;

/**
 * The outcome of replaying a trace against a plan under one sharing policy.
 *
 * @param gpuTypeMapping which trace GPU type each lab type ran like (empty for reference-time traces)
 * @param groupMapping each trace group's project(s) and why (given, same name, or by rank)
 * @param timeline the plan's periods, reserved blocks (did each run start on time?) and the lab's capacity events
 *     (jobs they preempted)
 */
public record SimOutcome(
        String policy,
        String policyDescription,
        String lab,
        String cycle,
        String trace,
        Map<String, String> gpuTypeMapping,
        Map<String, String> groupMapping,
        RunStats run,
        ClusterOutcome cluster,
        List<CategoryOutcome> categories,
        List<ProjectOutcome> projects,
        List<RelationCheck> relations,
        TimeSeries series,
        TimelineOutcome timeline) {}
