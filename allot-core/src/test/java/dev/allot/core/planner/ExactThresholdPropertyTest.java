package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every threshold an explanation prints is where the plan changes: the lab is re-solved (here, independently of the
 * explainer: a fresh model with the project's priority set, solved to optimality) just past the printed value, where
 * the outcome must have changed, and just short of it, where it must not have. Tolerance: {@link #STEP} = 0.01
 * priority, twice the rounding of the printed two decimals ("not even at the top priority" is checked at 10 - STEP);
 * re-solves are exact (gap 0) on these small labs.
 */
class ExactThresholdPropertyTest {
    private static final double STEP = 0.01;
    private static final PlannerOptions EXACT =
            PlannerOptions.defaults().withRelativeGap(0).withWorkers(1);
    private static final Pattern AT_LEAST = Pattern.compile("if its priority were >= ([0-9.]+)");
    private static final Pattern BELOW = Pattern.compile("if its priority were below ([0-9.]+)");
    private static final Pattern GROWS = Pattern.compile("^Would (?:not )?get (?:one )?more (\\S+)");
    private static final Pattern ACCEPTED = Pattern.compile("if it accepted (\\S+)");
    private static final String[] TYPES = {"H100", "A100"};
    private static final double[] SPEEDS = {1.0, 0.5};
    private static final int[] NODES = {8, 4};

    @Test
    void everyPrintedThresholdIsWhereTheReSolvedPlanChanges() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> checked = new TreeMap<>();
        for (long seed = 1; seed <= 60; seed++) {
            Lab lab = randomLab(seed);
            Plan plan;
            try {
                plan = Planner.create(EXACT).plan(lab);
            } catch (AllotException infeasible) {
                continue;
            }
            for (ProjectPlan line : plan.projects()) {
                for (String sentence : line.explanation().whatWouldChange()) {
                    String kind = check(lab, line, sentence, failures, seed);
                    if (!kind.isEmpty()) {
                        checked.merge(
                                kind + (lab.policy().plannerMayKill() ? " (planner may kill)" : ""), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked)
                .as("sentences checked, by kind")
                .containsKeys(
                        "funded at",
                        "funded at (planner may kill)",
                        "grows at",
                        "grows at (planner may kill)",
                        "killed below (planner may kill)",
                        "never grows");
    }

    /** Checks one sentence; returns its kind, or "" for a sentence without a threshold. */
    private static String check(Lab lab, ProjectPlan line, String sentence, List<String> failures, long seed) {
        ProjectId id = line.project();
        String where = "seed " + seed + ", " + id + ", \"" + sentence + "\": ";
        Matcher atLeast = AT_LEAST.matcher(sentence);
        Matcher below = BELOW.matcher(sentence);
        Matcher grows = GROWS.matcher(sentence);
        Matcher accepted = ACCEPTED.matcher(sentence);
        if (grows.find()) {
            GpuTypeId type = GpuTypeId.of(grows.group(1));
            double needed = effective(lab, id, line.grant()) + node(lab, type) * speed(lab, id, type) - 1e-6;
            if (atLeast.find()) {
                double threshold = Double.parseDouble(atLeast.group(1));
                expect(
                        failures,
                        where + "grows just past",
                        effective(lab, id, solve(lab, id, threshold + STEP, null)) >= needed);
                expect(
                        failures,
                        where + "no growth just short",
                        effective(lab, id, solve(lab, id, threshold - STEP, null)) < needed);
                return "grows at";
            }
            expect(
                    failures,
                    where + "no growth at the top",
                    effective(lab, id, solve(lab, id, 10 - STEP, null)) < needed);
            return "never grows";
        }
        if (sentence.startsWith("Funded") && atLeast.find()) {
            fundedAround(failures, where, lab, id, Double.parseDouble(atLeast.group(1)));
            return "funded at";
        }
        if (below.find()) {
            fundedAround(failures, where, lab, id, Double.parseDouble(below.group(1)));
            return "killed below";
        }
        if (sentence.startsWith("Not funded")) {
            expect(
                    failures,
                    where + "not funded at the top",
                    solve(lab, id, 10 - STEP, null).isEmpty());
            return "never funded";
        }
        if (accepted.find()) {
            GpuTypeId type = GpuTypeId.of(accepted.group(1));
            expect(
                    failures,
                    where + "funded accepting it",
                    !solve(lab, id, line.priority(), type).isEmpty());
            return "funded accepting";
        }
        return "";
    }

    /** Funded just above the threshold, not funded just below it. */
    private static void fundedAround(List<String> failures, String where, Lab lab, ProjectId id, double threshold) {
        expect(
                failures,
                where + "funded just above",
                !solve(lab, id, threshold + STEP, null).isEmpty());
        expect(
                failures,
                where + "not funded just below",
                solve(lab, id, threshold - STEP, null).isEmpty());
    }

    private static void expect(List<String> failures, String what, boolean holds) {
        if (!holds) {
            failures.add(what);
        }
    }

    /** The project's first-period grant in the lab re-solved with its priority set (and optionally one more type). */
    static Allocation solve(Lab lab, ProjectId id, double priority, GpuTypeId alsoAccepted) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        Fleet fleet = periods.get(0).fleet();
        List<PlannedProject> projects = new ArrayList<>(Planner.gather(lab, fleet));
        int p = 0;
        while (!projects.get(p).project().id().equals(id)) {
            p++;
        }
        PlannedProject project = projects.get(p);
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>(project.effectiveSpeed());
        if (alsoAccepted != null) {
            speeds.put(alsoAccepted, fleet.speed(alsoAccepted));
        }
        projects.set(p, project.with(priority, speeds));
        AllocationModel allocation = new AllocationModel(lab, periods, projects, ValueModel.targetThenDiminishing());
        SolverOutcome outcome =
                Engine.named("scip").solve(allocation.model, row -> true, true, EXACT, ProgressListener.NONE);
        assertThat(outcome.status()).isEqualTo(SolverOutcome.Status.OPTIMAL);
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        allocation.units.get(p).forEach((type, var) -> {
            long units = Math.round(outcome.values()[var.index()]);
            if (units > 0) {
                gpus.put(type, (int) units * fleet.unitGpus(type));
            }
        });
        return new Allocation(gpus);
    }

    private static double effective(Lab lab, ProjectId id, Allocation grant) {
        double total = 0;
        for (Map.Entry<GpuTypeId, Integer> entry : grant.gpus().entrySet()) {
            total += entry.getValue() * speed(lab, id, entry.getKey());
        }
        return total;
    }

    /** Effective GPUs per GPU of the type for the project: lab speed x the ask's speed factor. */
    private static double speed(Lab lab, ProjectId id, GpuTypeId type) {
        double base = lab.gpuTypes().stream()
                .filter(t -> t.id().equals(type))
                .findFirst()
                .orElseThrow()
                .relativeSpeed();
        return base * lab.asksByProject().get(id).speedFactor(type);
    }

    private static int node(Lab lab, GpuTypeId type) {
        return lab.pools().stream()
                .filter(pool -> pool.gpuType().equals(type))
                .findFirst()
                .orElseThrow()
                .gpusPerNode();
    }

    /**
     * A small lab: one or two GPU types with different node sizes (8 and 4), three to five projects, some continuing
     * (some killable, when the planner may kill), sometimes a pin, a category relation or a minimum share.
     */
    static Lab randomLab(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 7919);
        LabBuilder lab = LabBuilder.lab().maxChange(0.5);
        if (random.nextBoolean()) {
            lab.plannerMayKill();
        }
        int types = 1 + random.nextInt(2);
        for (int t = 0; t < types; t++) {
            lab.gpus(TYPES[t], SPEEDS[t], 8 * (2 + random.nextInt(4)), NODES[t]);
        }
        if (random.nextInt(3) == 0) {
            lab.relation("exploratory", 1, "product");
        } else if (random.nextInt(4) == 0) {
            lab.share("exploratory", 0.2, 1);
        }
        int projects = 3 + random.nextInt(3);
        boolean pinned = false;
        for (int p = 0; p < projects; p++) {
            lab.project("p" + p, random.nextBoolean() ? "exploratory" : "product");
            int floor = 8 * random.nextInt(3);
            int target = floor + 8 * random.nextInt(3);
            int ceiling = Math.max(8, target + 8 * random.nextInt(3));
            if (types > 1 && random.nextInt(3) == 0) {
                lab.ask(floor, target, ceiling, TYPES[random.nextInt(types)]);
            } else {
                lab.ask(floor, target, ceiling);
            }
            lab.priority(1 + random.nextInt(10));
            lab.priority(1 + random.nextInt(10));
            if (random.nextInt(5) < 2) {
                lab.had(TYPES[0], 8 * (1 + random.nextInt(2)));
            }
            if (!pinned && random.nextInt(8) == 0) {
                lab.pin(TYPES[0], 8);
                pinned = true;
            }
        }
        return lab.build();
    }
}
