package dev.allot.store;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Fluent builder of small labs for store and server tests. */
public final class TestLabs {
    private static final List<String> CATEGORIES = List.of("exploratory", "product", "infrastructure", "safety");

    private String cycle = "2026-12";
    private LocalDate start = LocalDate.of(2026, 12, 1);
    private final List<GpuType> types = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<Ask> asks = new ArrayList<>();
    private final List<Score> scores = new ArrayList<>();
    private final List<Pin> pins = new ArrayList<>();
    private final List<DeciderOverride> overrides = new ArrayList<>();
    private final List<PastCycle> history = new ArrayList<>();
    private Policy policy = Policy.defaults();

    public static TestLabs lab() {
        return new TestLabs();
    }

    /** Two GPU types, three pools and {@code count} projects with asks and scores, shuffled by {@code seed}. */
    public static TestLabs shaped(int count, long seed) {
        Random random = new Random(seed);
        TestLabs lab = lab().type("H100", 1.0)
                .type("A100", 0.5)
                .pool("east-h100", "east", "H100", 64 * count, 8)
                .pool("west-h100", "west", "H100", 16 * count, 8)
                .pool("east-a100", "east", "A100", 32 * count, 8);
        for (int i = 0; i < count; i++) {
            String id = "project-" + i;
            int floor = 8 * random.nextInt(3);
            int target = floor + 8 * (1 + random.nextInt(6));
            lab.project(id, CATEGORIES.get(i % CATEGORIES.size()), "lead" + i)
                    .ask(id, floor, target, target + 16)
                    .score(id, "reviewer-a", 1 + random.nextInt(10))
                    .score(id, "reviewer-b", 1 + random.nextInt(10));
        }
        return lab;
    }

    /** Two projects pinned at 40 H100s each on a 64-GPU pool: no plan holds both pins, so the solve is infeasible. */
    public static Lab overPinned() {
        return lab().type("H100", 1.0)
                .pool("east-h100", "east", "H100", 64, 8)
                .project("vision", "exploratory", "ana")
                .ask("vision", 8, 40, 48)
                .pin("vision", "H100", 40)
                .project("speech", "product", "bo")
                .ask("speech", 8, 40, 48)
                .pin("speech", "H100", 40)
                .build();
    }

    public TestLabs cycle(String id, LocalDate cycleStart) {
        this.cycle = id;
        this.start = cycleStart;
        return this;
    }

    public TestLabs type(String id, double speed) {
        types.add(new GpuType(GpuTypeId.of(id), speed));
        return this;
    }

    public TestLabs pool(String name, String cluster, String type, int gpus, int perNode) {
        pools.add(new Pool(name, cluster, GpuTypeId.of(type), gpus, perNode));
        return this;
    }

    public TestLabs project(String id, String category, String lead) {
        projects.add(new Project(
                ProjectId.of(id),
                "Project " + id,
                CategoryId.of(category),
                lead,
                List.of(lead, "member-of-" + id),
                ProjectStatus.ACTIVE));
        return this;
    }

    public TestLabs ask(String project, int floor, int target, int ceiling) {
        asks.add(new Ask(ProjectId.of(project), floor, target, ceiling, Set.of(), Map.of(), "because " + project));
        return this;
    }

    public TestLabs score(String project, String reviewer, int score) {
        scores.add(new Score(ProjectId.of(project), reviewer, score, "comment by " + reviewer));
        return this;
    }

    public TestLabs pin(String project, String type, int gpus) {
        pins.add(new Pin(ProjectId.of(project), Allocation.of(type, gpus), "pinned"));
        return this;
    }

    public TestLabs kill(String project) {
        overrides.add(new DeciderOverride(ProjectId.of(project), DeciderOverride.Action.KILL, "done"));
        return this;
    }

    public TestLabs past(String pastCycle, String project, String type, int gpus) {
        history.add(new PastCycle(
                CycleId.of(pastCycle),
                Map.of(ProjectId.of(project), Allocation.of(type, gpus)),
                Map.of(ProjectId.of(project), 0.75)));
        return this;
    }

    /** Appends a past cycle as given (grants and used fractions). */
    public TestLabs history(PastCycle past) {
        history.add(past);
        return this;
    }

    public TestLabs policy(Policy newPolicy) {
        this.policy = newPolicy;
        return this;
    }

    public Lab build() {
        List<Category> categories = CATEGORIES.stream()
                .map(c -> new Category(CategoryId.of(c), c + " work"))
                .toList();
        return Lab.builder()
                .name("test-lab")
                .cycle(CycleId.of(cycle))
                .cycleStart(start)
                .gpuTypes(types)
                .pools(pools)
                .categories(categories)
                .projects(projects)
                .asks(asks)
                .scores(scores)
                .policy(policy)
                .pins(pins)
                .overrides(overrides)
                .history(history)
                .build();
    }
}
