package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.store.Actor;
import dev.allot.store.AssignmentRepository.Assignment;
import dev.allot.store.Role;
import dev.allot.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which reviewer scores which project: the deciders assign projects by hand or deal them out round-robin within each
 * category; each reviewer's progress is the share of their assigned projects they scored. Reviewers see drafts and
 * scores of their assigned projects only ({@link #isAssigned}).
 */
public final class Assignments {
    /** One reviewer's progress in a cycle: assigned projects and how many of them they scored. */
    public record Progress(String reviewer, int assigned, int scored) {
        /** Scored over assigned, 0 with nothing assigned. */
        public double fraction() {
            return assigned == 0 ? 0 : (double) scored / assigned;
        }
    }

    /**
     * One line of a reviewer's queue: the project, the reviewer's score (null until scored), the evidence it brought
     * (links, evaluation results, scaling points and stored evidence series) and last cycle's outcome in words.
     */
    public record QueueItem(Project project, Integer score, int evidenceItems, int evidenceSeries, String lastOutcome) {
        public boolean scored() {
            return score != null;
        }
    }

    private final Store store;

    Assignments(Store store) {
        this.store = store;
    }

    /** The cycle's assignments; a reviewer sees only their own. */
    public List<Assignment> list(CycleId cycle, Actor actor) {
        List<Assignment> all = store.assignments().list(cycle);
        return actor.role() == Role.REVIEWER
                ? all.stream().filter(a -> a.reviewer().equals(actor.user())).toList()
                : all;
    }

    /** Users who hold a reviewer's token, to whom projects may be assigned. */
    public List<String> reviewers() {
        return store.assignments().reviewers();
    }

    /** Whether {@code reviewer} is assigned {@code project} in {@code cycle}. */
    public boolean isAssigned(CycleId cycle, ProjectId project, String reviewer) {
        return store.assignments().list(cycle).contains(new Assignment(project, reviewer));
    }

    /** The projects assigned to {@code reviewer}, in project order. */
    public List<ProjectId> assignedTo(CycleId cycle, String reviewer) {
        return store.assignments().list(cycle).stream()
                .filter(a -> a.reviewer().equals(reviewer))
                .map(Assignment::project)
                .toList();
    }

    /**
     * Replaces the cycle's assignments with {@code byProject} (reviewers per project). Every project must exist and
     * every reviewer hold a reviewer's token; every problem is reported at once and nothing is stored then.
     */
    public List<Assignment> assign(CycleId cycle, Map<ProjectId, List<String>> byProject, Actor actor) {
        requireSteering(actor);
        Lab lab = store.lab().export(cycle);
        Set<String> reviewers = new LinkedHashSet<>(reviewers());
        List<Problem> problems = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        byProject.forEach((project, names) -> {
            String path = "assignments." + project.value();
            if (!lab.projectsById().containsKey(project)) {
                problems.add(new Problem(
                        path, project.value(), "no such project", "Maybe check the project id on the board?"));
                return;
            }
            for (String name : new LinkedHashSet<>(names)) {
                if (!reviewers.contains(name)) {
                    problems.add(new Problem(
                            path,
                            name,
                            "is not a reviewer",
                            "Maybe one of " + reviewers + ", or issue them a reviewer token first?"));
                } else {
                    assignments.add(new Assignment(project, name));
                }
            }
        });
        fail(cycle, problems);
        return store.assignments().replace(cycle, assignments, actor);
    }

    /** Adds ({@code assigned}) or removes one project of one reviewer, keeping the other assignments. */
    public List<Assignment> set(CycleId cycle, ProjectId project, String reviewer, boolean assigned, Actor actor) {
        Map<ProjectId, List<String>> byProject = new LinkedHashMap<>();
        for (Assignment a : store.assignments().list(cycle)) {
            byProject.computeIfAbsent(a.project(), p -> new ArrayList<>()).add(a.reviewer());
        }
        List<String> reviewers = byProject.computeIfAbsent(project, p -> new ArrayList<>());
        reviewers.remove(reviewer);
        if (assigned) {
            reviewers.add(reviewer);
        }
        return assign(cycle, byProject, actor);
    }

    /**
     * Deals the cycle's active projects out to {@code reviewers} (all reviewers when empty), {@code perProject} each,
     * round-robin within each category so every reviewer gets a like share of every category: projects in category
     * then id order, the dealing continuing across categories where it left off. Replaces earlier assignments.
     */
    public List<Assignment> roundRobin(CycleId cycle, List<String> reviewers, int perProject, Actor actor) {
        requireSteering(actor);
        List<String> known = reviewers();
        List<String> dealt = reviewers.isEmpty() ? known : List.copyOf(new LinkedHashSet<>(reviewers));
        List<Problem> problems = new ArrayList<>();
        if (dealt.isEmpty()) {
            problems.add(
                    new Problem("reviewers", "", "no reviewer to assign to", "Maybe issue a reviewer token first?"));
        }
        dealt.stream()
                .filter(name -> !known.contains(name))
                .forEach(name -> problems.add(
                        new Problem("reviewers", name, "is not a reviewer", "Maybe one of " + known + "?")));
        if (perProject < 1 || (!dealt.isEmpty() && perProject > dealt.size())) {
            problems.add(new Problem(
                    "perProject",
                    String.valueOf(perProject),
                    "must be from 1 to the number of reviewers (" + dealt.size() + ")",
                    "Maybe 1?"));
        }
        fail(cycle, problems);
        Map<CategoryId, List<ProjectId>> byCategory = new TreeMap<>();
        for (Project project : store.lab().export(cycle).projects()) {
            if (project.status() == ProjectStatus.ACTIVE) {
                byCategory
                        .computeIfAbsent(project.category(), c -> new ArrayList<>())
                        .add(project.id());
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        int next = 0;
        for (List<ProjectId> projects : byCategory.values()) {
            projects.sort(java.util.Comparator.comparing(ProjectId::value));
            for (ProjectId project : projects) {
                for (int i = 0; i < perProject; i++) {
                    assignments.add(new Assignment(project, dealt.get((next + i) % dealt.size())));
                }
                next = (next + 1) % dealt.size();
            }
        }
        return store.assignments().replace(cycle, assignments, actor);
    }

    /** Every reviewer with an assignment or a reviewer's token: assigned projects and how many they scored. */
    public List<Progress> progress(CycleId cycle) {
        List<Assignment> assignments = store.assignments().list(cycle);
        Set<String> scored = new java.util.HashSet<>();
        for (Score score : store.reviews().scores(cycle)) {
            scored.add(score.project().value() + "\n" + score.reviewer());
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        reviewers().forEach(name -> counts.put(name, new int[2]));
        for (Assignment assignment : assignments) {
            int[] count = counts.computeIfAbsent(assignment.reviewer(), name -> new int[2]);
            count[0]++;
            if (scored.contains(assignment.project().value() + "\n" + assignment.reviewer())) {
                count[1]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Progress(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** The projects assigned to {@code reviewer}, not yet scored first, then by project id. */
    public List<QueueItem> queue(CycleId cycle, String reviewer) {
        Lab lab = store.lab().export(cycle);
        Map<ProjectId, Integer> scores = new java.util.HashMap<>();
        lab.scores().stream()
                .filter(s -> s.reviewer().equals(reviewer))
                .forEach(s -> scores.put(s.project(), s.score()));
        java.util.Optional<dev.allot.core.model.Plan> last =
                store.plans().previousPublished(cycle).map(dev.allot.store.StoredPlan::plan);
        List<QueueItem> queue = new ArrayList<>();
        for (ProjectId id : assignedTo(cycle, reviewer)) {
            Project project = lab.projectsById().get(id);
            if (project == null) {
                continue;
            }
            dev.allot.store.Evidence evidence = store.reviews()
                    .ask(cycle, id)
                    .map(ask -> ask.value().evidence())
                    .orElse(dev.allot.store.Evidence.NONE);
            queue.add(new QueueItem(
                    project,
                    scores.get(id),
                    evidence.links().size()
                            + evidence.evalResults().size()
                            + evidence.scalingCurve().size(),
                    store.evidence().series(cycle, id).size(),
                    lastOutcome(lab, last, id)));
        }
        queue.sort(java.util.Comparator.comparing(QueueItem::scored)
                .thenComparing(item -> item.project().id().value()));
        return queue;
    }

    /** "grow to H100:64 in 2026-11", from last cycle's published plan, else the grant the lab file carried. */
    static String lastOutcome(Lab lab, java.util.Optional<dev.allot.core.model.Plan> last, ProjectId id) {
        if (last.isPresent()) {
            var line = last.get().project(id);
            String cycle = last.get().cycle().value();
            if (line.isEmpty()) {
                return "not in the plan of " + cycle;
            }
            var decision = line.get().decision();
            return switch (decision) {
                case KILL -> "killed in " + cycle;
                case DECLINED -> "declined in " + cycle;
                default -> decision.label() + " to " + line.get().grant() + " in " + cycle;
            };
        }
        return lab.previousCycle()
                .map(past -> past.grant(id).isEmpty()
                        ? "no grant in " + past.cycle().value()
                        : past.grant(id) + " in " + past.cycle().value())
                .orElse("no earlier cycle");
    }

    private static void requireSteering(Actor actor) {
        if (actor.role() != Role.DECIDER && actor.role() != Role.ADMIN) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + actor.role().label() + " may not assign projects to reviewers. Maybe ask a decider?");
        }
    }

    private static void fail(CycleId cycle, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        throw new AllotException(
                ErrorCode.VALIDATION_FAILED,
                "Reviewer assignments of cycle " + cycle + ": "
                        + String.join(
                                "; ", problems.stream().map(Problem::describe).toList()),
                problems,
                null);
    }
}
