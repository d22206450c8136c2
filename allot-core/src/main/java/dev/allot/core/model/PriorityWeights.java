package dev.allot.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns reviewer scores (1-10) into a project's priority weight, the factor on its value in the planner.
 *
 * <p>Aggregation: the mean of the scores after dropping the single highest and single lowest score when a project
 * has four or more (one enthusiast or one detractor cannot swing the result), the plain mean otherwise. A project
 * nobody scored gets the neutral weight {@value #UNSCORED}.
 */
public final class PriorityWeights {
    /** Weight of a project without scores: the middle of the 1-10 scale. */
    public static final double UNSCORED = 5.0;

    private PriorityWeights() {}

    public static Map<ProjectId, Double> aggregate(List<Project> projects, List<Score> scores) {
        Map<ProjectId, List<Integer>> byProject = new LinkedHashMap<>();
        projects.forEach(project -> byProject.put(project.id(), new ArrayList<>()));
        scores.forEach(score -> byProject
                .computeIfAbsent(score.project(), id -> new ArrayList<>())
                .add(score.score()));
        Map<ProjectId, Double> weights = new LinkedHashMap<>();
        byProject.forEach((project, values) -> weights.put(project, weight(values)));
        return weights;
    }

    /** The weight for one project's scores. */
    public static double weight(List<Integer> scores) {
        if (scores.isEmpty()) {
            return UNSCORED;
        }
        List<Integer> sorted = new ArrayList<>(scores);
        Collections.sort(sorted);
        List<Integer> kept = sorted.size() >= 4 ? sorted.subList(1, sorted.size() - 1) : sorted;
        return kept.stream().mapToInt(Integer::intValue).average().orElse(UNSCORED);
    }
}
