package dev.allot.sim;

import java.util.List;
import java.util.Map;

/**
 * The outcome of replaying a trace against a plan under one sharing policy.
 *
 * @param gpuTypeMapping which trace GPU type each lab type ran like (empty for reference-time traces)
 */
public record SimOutcome(
        String policy,
        String policyDescription,
        String lab,
        String cycle,
        String trace,
        Map<String, String> gpuTypeMapping,
        RunStats run,
        ClusterOutcome cluster,
        List<CategoryOutcome> categories,
        List<ProjectOutcome> projects,
        List<RelationCheck> relations,
        TimeSeries series) {}
