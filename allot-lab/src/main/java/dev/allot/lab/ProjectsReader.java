package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.rules.AskRules;
import dev.allot.core.rules.BlockRules;
import dev.allot.core.rules.IdRules;
import dev.allot.core.rules.JobShapeRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code projects} section: each project with its ask and its reviewers' scores. */
final class ProjectsReader {
    static final List<String> PROJECT_KEYS =
            List.of("id", "name", "category", "lead", "members", "status", "ask", "scores", "blocks");
    static final List<String> BLOCK_KEYS = List.of("gpuType", "gpus", "days", "earliestStart", "latestEnd");
    static final List<String> ASK_KEYS =
            List.of("floor", "target", "ceiling", "gpuTypes", "speedFactors", "justification", "jobShape");
    static final List<String> JOB_SHAPE_KEYS = List.of("largestJobGpus", "gpuTypes");
    static final List<String> SCORE_KEYS = List.of("reviewer", "score", "comment");

    private final Problems problems;
    private final References references;
    private final List<Project> projects = new ArrayList<>();
    private final List<Ask> asks = new ArrayList<>();
    private final List<Score> scores = new ArrayList<>();
    private final List<dev.allot.core.model.Block> blocks = new ArrayList<>();
    private java.time.LocalDate cycleStart;

    ProjectsReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    List<Project> projects() {
        return projects;
    }

    List<Ask> asks() {
        return asks;
    }

    List<Score> scores() {
        return scores;
    }

    List<dev.allot.core.model.Block> blocks() {
        return blocks;
    }

    /** Reads the projects of a cycle starting {@code cycleStart} (null when the lab's date is unreadable). */
    void read(List<JsonNode> items, String path, java.time.LocalDate cycleStart) {
        this.cycleStart = cycleStart;
        YamlObject.each(items, path, problems, PROJECT_KEYS, this::project);
    }

    /** {@code blocks} of a project: reserved blocks for big runs, each checked by {@link BlockRules}. */
    private List<dev.allot.core.model.Block> blocks(YamlObject project, String owner) {
        List<dev.allot.core.model.Block> own = new ArrayList<>();
        YamlObject.each(project.list("blocks", false), project.path("blocks"), problems, BLOCK_KEYS, item -> {
            String type = item.text("gpuType", true);
            boolean known = type != null && references.gpuType(type, item.path("gpuType"));
            Integer gpus = item.count("gpus", true);
            Integer days = item.count("days", true);
            java.time.LocalDate earliest = item.read("earliestStart", true, LabReader::date);
            java.time.LocalDate latest = item.read("latestEnd", true, LabReader::date);
            if (gpus == null || days == null || earliest == null || latest == null || cycleStart == null) {
                return;
            }
            List<dev.allot.core.Problem> wrong = BlockRules.block(
                    gpus,
                    days,
                    earliest,
                    latest,
                    known ? references.nodeGpus(type) : 1,
                    cycleStart,
                    cycleStart.plusDays(dev.allot.core.model.Lab.CYCLE_DAYS));
            wrong.forEach(problem -> problems.add(problem, item.path()));
            if (known && wrong.isEmpty()) {
                own.add(new dev.allot.core.model.Block(
                        ProjectId.of(owner), GpuTypeId.of(type), gpus, days, earliest, latest));
            }
        });
        return own;
    }

    private void project(YamlObject item) {
        String id = item.text("id", true);
        if (id != null && !IdRules.projectId(id).isEmpty()) {
            IdRules.projectId(id).forEach(problem -> problems.add(problem.at(item.path("id")), ""));
            id = null;
        }
        boolean unique = id != null && LabReader.unique(references.projects, id, item.path("id"), "project", problems);
        String name = item.text("name", false);
        String category = item.text("category", true);
        boolean known = category != null && references.category(category, item.path("category"));
        String lead = item.text("lead", false);
        List<String> members = members(item);
        ProjectStatus status = item.choice("status", ProjectStatus.class, ProjectStatus.ACTIVE, PolicyReader::label);
        String owner = id == null ? "?" : id;
        Ask ask = item.has("ask")
                ? ask(item.read("ask", false, (node, at, found) -> YamlObject.of(node, at, found, ASK_KEYS)), owner)
                : null;
        scores(item.list("scores", false), item.path("scores"), owner);
        List<dev.allot.core.model.Block> own = blocks(item, owner);
        if (unique && known && members != null && status != null) {
            projects.add(new Project(ProjectId.of(id), name, CategoryId.of(category), lead, members, status));
            blocks.addAll(own);
            if (ask != null) {
                asks.add(ask);
            }
            if (item.has("ask") && status == ProjectStatus.ACTIVE) {
                references.fundable.add(id);
            }
        }
    }

    private List<String> members(YamlObject item) {
        int before = problems.size();
        List<String> members = new ArrayList<>();
        List<JsonNode> nodes = item.list("members", false);
        for (int i = 0; i < nodes.size(); i++) {
            String member = Scalars.text(nodes.get(i), item.path("members") + "[" + i + "]", problems);
            if (member != null) {
                members.add(member);
            }
        }
        return problems.size() == before ? members : null;
    }

    private Ask ask(YamlObject ask, String project) {
        if (ask == null) {
            return null;
        }
        int before = problems.size();
        Integer floor = ask.count("floor", false);
        Integer target = ask.count("target", true);
        Integer ceiling = ask.count("ceiling", false);
        floor = ask.has("floor") ? floor : Integer.valueOf(0);
        ceiling = ask.has("ceiling") ? ceiling : target;
        for (String field : List.of("floor", "target", "ceiling")) {
            Integer gpus = field.equals("floor") ? floor : field.equals("target") ? target : ceiling;
            if (gpus != null && ask.has(field)) {
                AskRules.gpuCount(field, gpus).forEach(problem -> problems.add(problem, ask.path()));
            }
        }
        if (floor != null && target != null && ceiling != null) {
            AskRules.order(project, floor, target, ceiling).forEach(problem -> problems.add(problem, ask.path()));
        }
        Set<GpuTypeId> types = new LinkedHashSet<>();
        List<JsonNode> typeNodes = ask.list("gpuTypes", false);
        for (int i = 0; i < typeNodes.size(); i++) {
            String at = ask.path("gpuTypes") + "[" + i + "]";
            String type = Scalars.text(typeNodes.get(i), at, problems);
            if (type != null && references.gpuType(type, at)) {
                types.add(GpuTypeId.of(type));
            }
        }
        Map<GpuTypeId, Double> speedFactors = new LinkedHashMap<>();
        ask.map("speedFactors", Scalars::positiveNumber).forEach((type, factor) -> {
            if (references.gpuType(type, ask.path("speedFactors") + "." + type)) {
                speedFactors.put(GpuTypeId.of(type), factor);
            }
        });
        String justification = ask.text("justification", false);
        java.util.Optional<JobShape> shape = ask.has("jobShape") ? jobShape(ask, project) : java.util.Optional.empty();
        if (problems.size() != before) {
            return null;
        }
        Ask read = new Ask(ProjectId.of(project), floor, target, ceiling, types, speedFactors, justification, shape);
        Map<GpuTypeId, Integer> capacity = new LinkedHashMap<>();
        // A type whose pools are wrong has no known capacity: no job is said not to fit it.
        references.capacityGpus.forEach((type, gpus) ->
                capacity.put(GpuTypeId.of(type), references.capacityKnown(type) ? gpus : Integer.MAX_VALUE));
        List<dev.allot.core.Problem> misfits = JobShapeRules.fits(read, capacity);
        misfits.forEach(problem -> problems.add(problem, ask.path()));
        return misfits.isEmpty() ? read : null;
    }

    /**
     * {@code jobShape} of an ask: its largest job ({@link JobShapeRules}) and the types it runs on; whether it fits the
     * ask and the pools is checked with the whole ask.
     */
    private java.util.Optional<JobShape> jobShape(YamlObject ask, String project) {
        YamlObject shape =
                ask.read("jobShape", false, (node, at, found) -> YamlObject.of(node, at, found, JOB_SHAPE_KEYS));
        if (shape == null) {
            return java.util.Optional.empty();
        }
        int before = problems.size();
        Integer largest = shape.count("largestJobGpus", true);
        if (largest != null) {
            JobShapeRules.largestJobGpus(project, largest)
                    .forEach(problem -> problems.add(problem.at(shape.path("largestJobGpus")), ""));
        }
        Set<GpuTypeId> types = new LinkedHashSet<>();
        List<JsonNode> typeNodes = shape.list("gpuTypes", false);
        for (int i = 0; i < typeNodes.size(); i++) {
            String at = shape.path("gpuTypes") + "[" + i + "]";
            String type = Scalars.text(typeNodes.get(i), at, problems);
            if (type != null && references.gpuType(type, at)) {
                types.add(GpuTypeId.of(type));
            }
        }
        if (problems.size() != before || largest == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new JobShape(largest, types));
    }

    private void scores(List<JsonNode> items, String path, String project) {
        Set<String> reviewers = new HashSet<>();
        YamlObject.each(items, path, problems, SCORE_KEYS, item -> {
            String reviewer = item.text("reviewer", true);
            if (reviewer != null && !reviewers.add(reviewer)) {
                problems.add(
                        item.path("reviewer"),
                        reviewer,
                        "reviewer scores project " + project + " twice",
                        "Maybe keep only the latest score?");
                reviewer = null;
            }
            Integer score = item.read("score", true, Scalars::wholeNumber);
            if (score != null && (score < 1 || score > 10)) {
                problems.add(
                        item.path("score"),
                        String.valueOf(score),
                        "Score by " + reviewer + " of project " + project + " is outside 1..10",
                        "Maybe " + Math.max(1, Math.min(10, score)) + "?");
                score = null;
            }
            String comment = item.text("comment", false);
            if (reviewer != null && score != null) {
                scores.add(new Score(ProjectId.of(project), reviewer, score, comment));
            }
        });
    }
}
