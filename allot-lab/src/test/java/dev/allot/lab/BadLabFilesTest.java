package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad-lab fixture, one per family of rules, with the exact lines an operator sees. */
class BadLabFilesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("badLabs")
    void reportsExactlyTheseProblems(String fixture, String expected) throws IOException {
        String yaml = fixture(fixture);

        AllotException error = catchThrowableOfType(AllotException.class, () -> LabYaml.read(yaml, fixture));

        assertThat(error.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
        assertThat(error.code()).isEqualTo("LAB_INVALID");
        assertThat(render(error)).isEqualTo(expected);
    }

    static String render(AllotException error) {
        return error.getMessage() + "\n"
                + error.problems().stream().map(Problem::describe).collect(Collectors.joining("\n")) + "\n";
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = BadLabFilesTest.class.getResourceAsStream("/bad-labs/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> badLabs() {
        return Stream.of(
                arguments("capacity-events.yaml", """
                        capacity-events.yaml: 11 problems
                        pools[0].events[0].kind: is not a kind of capacity event (arrival, retirement, outage) (value: arival). Maybe arrival?
                        pools[0].events[1].gpus: is not a whole number of the pool's 8-GPU nodes (value: 60). Maybe 56 or 64?
                        pools[0].events[2].until: an outage needs the day its GPUs are back. Maybe 2027-02-22?
                        pools[0].events[3].until: is not after the outage's first day 2027-02-20 (value: 2027-02-19). Maybe 2027-02-21?
                        pools[0].events[4].from: is before the cycle start 2027-02-01 (value: 2027-01-20). Maybe change the pool's gpus instead, or date it 2027-02-01?
                        pools[0].events[5].until: only an outage ends; a retirement lasts (value: 2027-02-25). Maybe make it an outage, or remove until?
                        pools[1].events: Pool west-h100 would hold -8 GPUs on 2027-02-15 (it has 16) (value: -8). Maybe remove at most 16 GPUs?
                        budgets[0].gpuHours: must be a number of GPU-hours from 0 to 1000000000 (value: -5.0). Maybe 0, or remove the budget?
                        budgets[1].project: is not a project of the lab (value: vison-rl). Maybe vision-rl?
                        budgets[2].project: has two budgets of H100 (value: vision-rl). Maybe add them up into one?
                        budgets[3].project: has two budgets of H100 (value: vision-rl). Maybe add them up into one?
                        """),
                arguments("category-budgets.yaml", """
                        category-budgets.yaml: 9 problems
                        budgets[0].category: is not a category of the lab (value: prodcut). Maybe product?
                        budgets[1].gpuHours: must be a number of GPU-hours from 0 to 1000000000 (value: -1.0). Maybe 0, or remove the budget?
                        budgets[2].category: has two budgets of H100 (value: product). Maybe add them up into one?
                        budgets[3].category: has two budgets of H100 (value: product). Maybe add them up into one?
                        budgets[4].category: is given together with project vision-rl; a budget is of one or the other (value: product). Maybe two budgets, one of the project and one of the category?
                        budgets[5].project: is missing: a budget names a project or a category. Maybe project: <id> or category: <id>?
                        budgets[6].gpuHours: expected a number (value: lots)
                        budgets[6].category: has two budgets of H100 (value: product). Maybe add them up into one?
                        budgets[7].gpuHours: must be a number of GPU-hours from 0 to 1000000000 (value: 5.0E9). Maybe a smaller number?
                        """),
                arguments("ask-order.yaml", """
                        ask-order.yaml: 3 problems
                        projects[0].ask.floor: Ask floor (64 GPUs) of project vision-rl exceeds its ceiling (32) (value: 64). Maybe swap floor and ceiling?
                        projects[1].ask.floor: Ask floor (24 GPUs) of project code-sft exceeds its target (16) (value: 24). Maybe lower the floor to 16?
                        projects[2].ask.target: Ask target (48 GPUs) of project speech-moe exceeds its ceiling (32) (value: 48). Maybe raise the ceiling to 48?
                        """),
                arguments("counts.yaml", """
                        counts.yaml: 6 problems
                        gpuTypes[0].speed: must be greater than 0 (value: 0)
                        gpuTypes[1].speed: must be greater than 0 (value: -0.5)
                        pools[0].gpus: must not be negative (value: -64). Maybe 64?
                        pools[1].gpus: is not a whole number of 8-GPU nodes (value: 60). Maybe 56 or 64?
                        pools[2].gpusPerNode: must be at least 1 (value: 0). Maybe 8?
                        projects[0].ask.floor: must not be negative (value: -8). Maybe 8?
                        """),
                arguments("dates.yaml", """
                        dates.yaml: 3 problems
                        cycleStart: is not a valid date (value: 2027-13-04). Maybe write it as YYYY-MM-DD, e.g. 2027-01-04?
                        history[1].cycle: past cycle does not come after 2026-11 (value: 2026-09). Maybe list history oldest first?
                        history[2].cycle: past cycle is not before the current cycle 2027-01 (value: 2027-03). Maybe remove it from history?
                        """),
                arguments("duplicates.yaml", """
                        duplicates.yaml: 4 problems
                        gpuTypes[1].name: duplicate GPU type id (value: H100). Maybe rename the second one?
                        pools[1].name: duplicate pool id (value: east-h100). Maybe rename the second one?
                        categories[2].id: duplicate category id (value: exploratory). Maybe rename the second one?
                        projects[1].id: duplicate project id (value: vision-rl). Maybe rename the second one?
                        """),
                arguments("missing-keys.yaml", """
                        missing-keys.yaml: 8 problems
                        name: required key 'name' is missing
                        cycleStart: required key 'cycleStart' is missing
                        gpuTypes[0].speed: required key 'speed' is missing
                        pools[0].gpus: required key 'gpus' is missing
                        categories[0].id: required key 'id' is missing
                        projects[0].category: required key 'category' is missing
                        projects[0].ask.target: required key 'target' is missing
                        projects[0].scores[0].reviewer: required key 'reviewer' is missing
                        """),
                arguments("pins-and-overrides.yaml", """
                        pins-and-overrides.yaml: 7 problems
                        pins[0].gpus.H100: Pin of project vision-rl exceeds the capacity of H100 (64 GPUs) (value: 128). Maybe at most 64?
                        pins[1].gpus.H100: Pin of project code-sft is not a whole number of 8-GPU H100 nodes, and the policy grants whole nodes (value: 12). Maybe 8 or 16?
                        pins: pins hold more H100 GPUs than the lab has (64) (value: 140). Maybe lower some pins?
                        overrides[0].project: project is both pinned (at pins[1]) and overridden (value: code-sft). Maybe keep only one of them?
                        overrides[1].project: project is both pinned (at pins[0]) and overridden (value: vision-rl). Maybe keep only one of them?
                        overrides[1].action: is not one of kill, fund (value: cancel)
                        overrides[2].action: project old-thing cannot be funded: it is not active or has no ask (value: fund). Maybe give it an ask and status active, or drop the override?
                        """),
                arguments("planner-rules.yaml", """
                        planner-rules.yaml: 3 problems
                        pins[0].project: project resting is paused, so it cannot be pinned to H100:8 (only active projects get GPUs) (value: resting). Maybe set its status to active, or drop the pin?
                        projects[0].ask.floor: the floor of project steady (12 GPUs) leaves no whole number of nodes between its floor (12) and ceiling (12): H100 comes in nodes of 8 GPUs; as a continuing project only the deciders may drop, it would make the whole lab infeasible (value: 12). Maybe a floor of 8 or 16 GPUs?
                        projects[1].ask.floor: the floor of project odd-new (10 GPUs) leaves no whole number of nodes between its floor (10) and ceiling (11): A100 comes in nodes of 4 GPUs; it could never be funded (value: 10). Maybe a floor of 8 or 12 GPUs?
                        """),
                arguments("policy-percentages.yaml", """
                        policy-percentages.yaml: 7 problems
                        policy.reserve: holds back all capacity, so nothing is left to allocate (value: 100%). Maybe 5%?
                        policy.shares.exploratory.min: share minimum of exploratory is above its maximum (60%) (value: 70%). Maybe swap min and max?
                        policy.shares.product.max: is outside 0..100 % (value: 150%)
                        policy.maxChangePerCycle: is outside 0..100 % (value: 50). Maybe 50%?
                        policy.granularity: is not one of node, gpu (value: rack)
                        policy.yieldNoticeDays: must not be negative (value: -3). Maybe 3?
                        policy.noAsk: is not a rule for projects without an ask; one of [keep, floorOnly, release] (value: forget). Maybe keep (hold the last grant), floorOnly (shrink as far as continuity allows) or release (grant nothing)?
                        """),
                arguments("policy-usage.yaml", """
                        policy-usage.yaml: 3 problems
                        policy.usage.idleBelow: the used share below which a grant is idle must be from 0% to 100% (value: 150%). Maybe 50%?
                        policy.usage.action: is not a usage action (warn flags idle grants, capAtUsedPlusHeadroom also caps them) (value: capAtUsed). Maybe warn or capAtUsedPlusHeadroom?
                        policy.usage.headroom: the headroom added to the measured use must be from 0% to 1000% (value: 2000%). Maybe 25%?
                        """),
                arguments("relations.yaml", """
                        relations.yaml: 3 problems
                        policy.relations[0]: is not a relation of the form 'a >= b' or 'a >= factor * b' (value: exploratory > product). Maybe write it as 'exploratory >= product' or 'exploratory >= 1.5 * product'?
                        policy.relations[1]: is not a relation of the form 'a >= b' or 'a >= factor * b' (value: exploratory >= 1.5 x product). Maybe write it as 'exploratory >= product' or 'exploratory >= 1.5 * product'?
                        policy.relations[2]: is not a relation of the form 'a >= b' or 'a >= factor * b' (value: safety >= 5%). Maybe put a minimum share under shares, e.g. safety: {min: 5%}?
                        """),
                arguments("shares.yaml", """
                        shares.yaml: 1 problem
                        policy.shares: share minimums add up to more than 100 % (value: 105%). Maybe lower some minimums?
                        """),
                arguments("job-shapes.yaml", """
                        job-shapes.yaml: 7 problems
                        policy.relations: the default relation names the undeclared category product (value: exploratory >= product). Maybe declare it, or write relations: [] for none?
                        policy.jobShapes: is not a job-shapes setting; one of [warn, strict] (value: strictly). Maybe warn (a grant below a project's largest job is a warning) or strict (not allowed)?
                        projects[0].ask.jobShape.largestJobGpus: the largest job of project vision-rl must be a whole number of GPUs from 1 to 1000000 (value: 0). Maybe the GPUs of its largest training run, or no job shape?
                        projects[0].ask.jobShape.gpuTypes[0]: unknown GPU type (value: H10). Maybe H100?
                        projects[1].ask.jobShape.gpuTypes[0]: project code-sft's jobs run on A100, which its ask does not accept ([H100]) (value: A100). Maybe add A100 to the ask's GPU types?
                        projects[2].ask.jobShape.cores: unknown key. Maybe remove it? Known keys: largestJobGpus, gpuTypes
                        projects[3].ask.jobShape.gpuTypes[0]: the largest job of project video-gen (48 GPUs) exceeds every A100 GPU of the lab (32), so it could never start (value: A100). Maybe drop A100 from the job's types, or split the job?
                        """),
                arguments("statuses-and-scores.yaml", """
                        statuses-and-scores.yaml: 6 problems
                        projects[0].status: is not one of active, paused, killed, done (value: actve). Maybe active?
                        projects[0].scores[0].score: Score by carol of project vision-rl is outside 1..10 (value: 11). Maybe 10?
                        projects[0].scores[1].score: Score by dan of project vision-rl is outside 1..10 (value: 0). Maybe 1?
                        projects[0].scores[2].reviewer: reviewer scores project vision-rl twice (value: carol). Maybe keep only the latest score?
                        projects[1].id: is not a valid project id: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (value: Code_SFT). Maybe code-sft?
                        projects[1].status: is not one of active, paused, killed, done (value: running)
                        """),
                arguments("syntax.yaml", """
                        syntax.yaml: 1 problem
                        line 5, column 6: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping that starts at line 4, column 5). Maybe check the indentation (spaces, not tabs), quotes and brackets near that line?
                        """),
                arguments("unknown-categories.yaml", """
                        unknown-categories.yaml: 4 problems
                        policy.shares.saftey: unknown category (value: saftey). Maybe declare it under categories?
                        policy.relations[0]: unknown category (value: products). Maybe product?
                        projects[0].category: unknown category (value: Exploratory). Maybe exploratory?
                        projects[1].category: unknown category (value: research). Maybe declare it under categories?
                        """),
                arguments("unknown-gpu-types.yaml", """
                        unknown-gpu-types.yaml: 6 problems
                        pools[2].gpuType: unknown GPU type (value: B200). Maybe declare it under gpuTypes?
                        policy.reserveGpus.h100: unknown GPU type (value: h100). Maybe H100?
                        projects[0].ask.gpuTypes[0]: unknown GPU type (value: H10). Maybe H100?
                        projects[0].ask.speedFactors.A10: unknown GPU type (value: A10). Maybe A100?
                        pins[0].gpus.V100: unknown GPU type (value: V100). Maybe H100?
                        history[0].grants.vision-rl.TPU: unknown GPU type (value: TPU). Maybe declare it under gpuTypes?
                        """),
                arguments("unknown-keys.yaml", """
                        unknown-keys.yaml: 4 problems
                        polcy: unknown key. Maybe policy?
                        projects[0].owner: unknown key. Maybe remove it? Known keys: id, name, category, lead, members, status, ask, scores, blocks
                        projects[0].ask.flor: unknown key. Maybe floor?
                        projects[0].scores[0].reviewr: unknown key. Maybe reviewer?
                        """),
                arguments("unknown-projects.yaml", """
                        unknown-projects.yaml: 4 problems
                        pins[0].project: unknown project (value: vision-lr). Maybe vision-rl?
                        overrides[0].project: unknown project (value: code-stf). Maybe code-sft?
                        history[0].grants.old-thing: unknown project (value: old-thing). Maybe declare it under projects?
                        history[0].used.old-thing: unknown project (value: old-thing). Maybe declare it under projects?
                        """),
                arguments("wrong-types.yaml", """
                        wrong-types.yaml: 8 problems
                        gpuTypes[0].speed: expected a number (value: fast)
                        pools[0].gpus: expected a whole number (value: many)
                        pools[0].gpusPerNode: expected a whole number (value: 8.5)
                        categories: expected a list (value: exploratory). Maybe start each item with '- '?
                        projects[0].category: expected text (value: ["exploratory"])
                        projects[0].members: expected a list (value: alice). Maybe start each item with '- '?
                        projects[0].ask.target: expected a whole number (value: 16.5)
                        projects[0].ask.ceiling: expected a whole number (value: 32). Maybe 32 without quotes?
                        """));
    }
}
