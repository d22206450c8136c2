package dev.allot.slurm;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times apply of a 300-project plan against the running Slurm cluster: a fresh apply, a re-apply of the same
 * plan (must change nothing) and the next cycle (every project's grant drawn again, members kept). Not a test; run it by hand,
 * see docs/benchmarks.md. Arguments: {@code [runs] [projects] [seed] [extra users, comma-separated]}. With
 * {@code -Dallot.bench.reset=scripts/slurm-test-cluster.sh}, every run starts from an empty accounting database
 * ({@code reset-accounting}): slurmdbd keeps deleted associations, and the nested-set moves of a fresh apply read them,
 * so a fresh apply on a database earlier runs have used is slower run after run.
 */
public final class SlurmApplyBenchmark {
    private static final String[] TYPES = {"H100", "A100", "H200", "L40S"};
    private static final String[] CATEGORIES = {"exploratory", "product", "infrastructure", "safety"};

    private SlurmApplyBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int projects = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        List<String> extraUsers = args.length > 3 ? List.of(args[3].split(",")) : List.of();
        System.out.printf(
                Locale.ROOT,
                "slurm apply benchmark: %d runs, %d projects, seed %d, extra users %s," + " cluster %s%n",
                runs,
                projects,
                seed,
                extraUsers,
                TestCluster.CLUSTER);
        SlurmEnforcer enforcer = new SlurmEnforcer(new SlurmCli(Duration.ofSeconds(300), Map.of()));
        Random random = new Random(seed);
        String reset = System.getProperty("allot.bench.reset", "");
        for (int run = 1; run <= runs; run++) {
            if (!reset.isEmpty()) {
                resetAccounting(reset);
            }
            String prefix = TestCluster.uniquePrefix();
            SlurmConfig config = SlurmConfig.defaults(TestCluster.CLUSTER)
                    .withPrefixes(prefix, prefix)
                    .withExtraUsers(extraUsers);
            DesiredState first = compile(plan(projects, random, prefix), config);
            ApplyResult fresh = enforcer.apply(first);
            ApplyResult again = enforcer.apply(first);
            PlanFixture nextPlan = plan(projects, random, prefix);
            ApplyResult next = enforcer.apply(compile(nextPlan, config));
            ApplyResult one = enforcer.apply(
                    compile(nextPlan.project("one-more", CATEGORIES[0]).grant("H100", 8), config));
            report(run, "fresh apply", fresh);
            report(run, "re-apply unchanged", again);
            report(run, "next cycle (grants redrawn)", next);
            report(run, "one change (a project added)", one);
            cleanUp(compile(nextPlan, config));
        }
    }

    /**
     * Grants drawn from {@code random}; members depend on the project only, as they do between cycles. User names
     * are new in every run: Slurm re-adding users deleted by an earlier run is slower than adding new ones.
     */
    private static PlanFixture plan(int projects, Random random, String prefix) {
        PlanFixture fixture = PlanFixture.plan(TYPES);
        for (int index = 0; index < projects; index++) {
            fixture.project("project-" + index, CATEGORIES[index % CATEGORIES.length]);
            Random members = new Random(index);
            for (int member = 0; member <= members.nextInt(4); member++) {
                fixture.members(prefix + "r" + (1 + members.nextInt(520)));
            }
            fixture.grant(TYPES[random.nextInt(TYPES.length)], 8 * (1 + random.nextInt(8)));
            if (random.nextInt(3) == 0) {
                fixture.grant(TYPES[random.nextInt(TYPES.length)], 8 * (1 + random.nextInt(4)));
            }
        }
        return fixture;
    }

    private static DesiredState compile(PlanFixture fixture, SlurmConfig config) {
        return SlurmCompiler.compile(fixture.build(), fixture.lab(), config, LocalDate.now());
    }

    private static void report(int run, String what, ApplyResult result) {
        System.out.printf(
                Locale.ROOT,
                "run %d  %-32s %6d ms  %4d changes planned  %4d applied  %d outstanding%s%n",
                run,
                what,
                result.elapsed().toMillis(),
                result.planned().changes().size(),
                result.applied().size(),
                result.notApplied().size(),
                result.errors().isEmpty() ? "" : "  errors: " + result.errors());
    }

    /** Runs {@code script reset-accounting}, which leaves the cluster up with an empty accounting database. */
    private static void resetAccounting(String script) {
        try {
            Process process = new ProcessBuilder(script, "reset-accounting")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(script + " reset-accounting failed (exit " + process.exitValue() + ")");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resetting the accounting database", e);
        }
    }

    /** Removes the run's users (they exist only for the benchmark), then its accounts, children first. */
    private static void cleanUp(DesiredState state) {
        java.util.TreeSet<String> users = new java.util.TreeSet<>();
        state.accounts().forEach(account -> users.addAll(account.users()));
        users.remove("root");
        List<String> commands = new ArrayList<>();
        SacctmgrScript.chunks(users).forEach(names -> commands.add("delete user where name=" + names));
        java.util.TreeSet<String> projects = new java.util.TreeSet<>();
        java.util.TreeSet<String> groups = new java.util.TreeSet<>();
        state.accounts().forEach(account -> (account.project() ? projects : groups).add(account.name()));
        SacctmgrScript.chunks(projects).forEach(names -> commands.add("delete account where name=" + names));
        SacctmgrScript.chunks(groups).forEach(names -> commands.add("delete account where name=" + names));
        // deleting hundreds of users takes minutes on a loaded machine
        new SlurmCli(Duration.ofSeconds(900), Map.of()).commands(commands);
    }
}
