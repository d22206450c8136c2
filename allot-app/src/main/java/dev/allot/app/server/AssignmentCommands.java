package dev.allot.app.server;

import dev.allot.application.Assignments;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.ProjectId;
import dev.allot.store.AssignmentRepository.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot cycle assignments|assign}: which reviewer scores which project, from the console. */
final class AssignmentCommands {
    private AssignmentCommands() {}

    @Command(
            name = "assignments",
            mixinStandardHelpOptions = true,
            description = "List the cycle's reviewer assignments and each reviewer's progress (scored of assigned).")
    static final class ListAssignments implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
        String id;

        @Option(names = "--reviewer", paramLabel = "USER", description = "Show only this reviewer's projects.")
        String reviewer;

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                Assignments assignments = application.assignments();
                var cycle = CycleCommand.cycleId(id);
                List<Assignment> listed = assignments.list(cycle, store.actor()).stream()
                        .filter(a -> reviewer == null || a.reviewer().equals(reviewer))
                        .toList();
                print(cycle.value(), listed);
                System.out.println("Progress (scored of assigned):");
                assignments.progress(cycle).stream()
                        .filter(p -> reviewer == null || p.reviewer().equals(reviewer))
                        .forEach(p -> System.out.printf(
                                Locale.ROOT,
                                "  %-24s %4d of %4d  %3.0f%%%n",
                                p.reviewer(),
                                p.scored(),
                                p.assigned(),
                                p.fraction() * 100));
            });
        }
    }

    @Command(
            name = "assign",
            mixinStandardHelpOptions = true,
            description = "Assign a project to a reviewer (or take it away with --remove), or deal every active"
                    + " project out round-robin by category with --round-robin, which replaces the earlier"
                    + " assignments. Act as a decider: --as NAME --as-role decider.")
    static final class Assign implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "CYCLE", description = "Cycle id, e.g. 2027-02.")
        String id;

        @Option(names = "--project", paramLabel = "PROJECT", description = "The project to assign or unassign.")
        String project;

        @Option(
                names = "--reviewer",
                paramLabel = "USER",
                split = ",",
                description = "The reviewer; with --round-robin, the reviewers to deal to (default: every reviewer).")
        List<String> reviewers = new ArrayList<>();

        @Option(names = "--remove", description = "Take the project away from the reviewer instead.")
        boolean remove;

        @Option(names = "--round-robin", description = "Deal every active project out, round-robin by category.")
        boolean roundRobin;

        @Option(
                names = "--per-project",
                paramLabel = "N",
                defaultValue = "1",
                description = "With --round-robin, how many reviewers score each project (default: 1).")
        int perProject;

        @Override
        public Integer call() {
            checkFlags();
            return store.runUseCases(application -> {
                var cycle = CycleCommand.cycleId(id);
                List<Assignment> saved = roundRobin
                        ? application.assignments().roundRobin(cycle, reviewers, perProject, store.actor())
                        : application
                                .assignments()
                                .set(cycle, ProjectId.of(project), reviewers.get(0), !remove, store.actor());
                if (roundRobin) {
                    print(cycle.value(), saved);
                } else {
                    System.out.printf(
                            "%s %s %s in cycle %s; %d assignment(s) in all.%n",
                            remove ? "Took" : "Assigned",
                            project,
                            remove ? "away from " + reviewers.get(0) : "to " + reviewers.get(0),
                            id,
                            saved.size());
                }
            });
        }

        /** One way at a time, with what it needs; every problem of the flags at once. */
        private void checkFlags() {
            List<String> problems = new ArrayList<>();
            if (roundRobin) {
                if (project != null) {
                    problems.add("--project: a round-robin deals every project; leave --project out");
                }
                if (remove) {
                    problems.add("--remove: a round-robin replaces the assignments; leave --remove out");
                }
            } else {
                if (project == null || project.isBlank()) {
                    problems.add("--project: missing. Maybe --project vision-rl, or --round-robin?");
                } else if (!project.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                    problems.add("--project: '" + project + "' is not a project id. Maybe vision-rl?");
                }
                if (reviewers.size() != 1) {
                    problems.add("--reviewer: name exactly one reviewer (" + reviewers.size()
                            + " given). Maybe --reviewer rui?");
                }
            }
            if (!problems.isEmpty()) {
                throw AllotException.invalid(ErrorCode.BAD_FLAG.code(), String.join("; ", problems));
            }
        }
    }

    private static void print(String cycle, List<Assignment> assignments) {
        System.out.printf("Cycle %s: %d assignment(s)%n", cycle, assignments.size());
        for (Assignment assignment : assignments) {
            System.out.printf("  %-24s %s%n", assignment.project().value(), assignment.reviewer());
        }
    }
}
