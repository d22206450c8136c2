package dev.allot.lab;

import dev.allot.core.model.Ask;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/** The demo lab's projects, members, asks and reviewer scores, drawn from one seeded generator. */
final class DemoPortfolio {
    static final int PROJECTS = 300;
    static final int RESEARCHERS = 520;
    private static final int REVIEWERS = 12;
    private static final int PAUSED = 3;
    private static final int DONE = 3;
    static final int KILLED = 5;
    private static final int WITH_SPEED_FACTORS = 10;
    private static final List<String> TOPICS = List.of(
            "vision",
            "speech",
            "code",
            "math",
            "agent",
            "robot",
            "video",
            "audio",
            "retrieval",
            "reasoning",
            "tool-use",
            "multilingual",
            "long-context",
            "sparse",
            "diffusion",
            "world-model",
            "memory",
            "planning",
            "protein",
            "chem",
            "weather",
            "music",
            "dialogue",
            "search",
            "vision-lang",
            "theorem",
            "game",
            "graph",
            "tabular",
            "ocr");
    private static final Map<String, List<String>> KINDS = Map.of(
            "exploratory",
                    List.of(
                            "rl",
                            "ssm",
                            "moe",
                            "self-play",
                            "curriculum",
                            "synth-data",
                            "scaling-law",
                            "new-arch",
                            "latent",
                            "world-sim"),
            "product", List.of("pretrain", "finetune", "distill", "rlhf", "sft", "release", "quantize", "serving"),
            "infrastructure",
                    List.of(
                            "ckpt",
                            "dataloader",
                            "eval-harness",
                            "compiler",
                            "kernels",
                            "telemetry",
                            "sharding",
                            "cluster-sim"),
            "safety", List.of("red-team", "interp", "evals", "oversight", "robustness", "unlearning", "monitor"));
    private static final Set<String> ACRONYMS = Set.of("rl", "ssm", "moe", "rlhf", "sft", "ocr");

    final List<Project> projects = new ArrayList<>();
    final List<Ask> asks = new ArrayList<>();
    final List<Score> scores = new ArrayList<>();

    /** Draws the portfolio; {@code allocatableGpus} scales the asks so they exceed it about 1.45 times. */
    DemoPortfolio(SplittableRandom random, List<GpuTypeId> types, int allocatableGpus) {
        List<String> categories = categories(random);
        List<ProjectStatus> statuses = statuses(random);
        List<List<String>> members = members(random);
        List<String> ids = ids(random, categories);
        Targets targets = new Targets(random, categories, statuses, allocatableGpus);
        List<String> reviewers = reviewers(random);
        Set<Integer> tuned = pick(random, WITH_SPEED_FACTORS, PROJECTS);
        List<Integer> byId = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            byId.add(i);
        }
        byId.sort(java.util.Comparator.comparing(ids::get));
        for (int i : byId) {
            ProjectId id = ProjectId.of(ids.get(i));
            List<String> team = members.get(i);
            projects.add(new Project(
                    id,
                    title(ids.get(i)),
                    CategoryId.of(categories.get(i)),
                    team.get(0),
                    new ArrayList<>(new TreeSet<>(team)),
                    statuses.get(i)));
            if (statuses.get(i) == ProjectStatus.ACTIVE) {
                asks.add(ask(random, id, categories.get(i), targets.target(i), types, tuned.contains(i)));
                scores(random, id, reviewers);
            }
        }
    }

    private static List<String> categories(SplittableRandom random) {
        List<String> categories = new ArrayList<>();
        categories.addAll(Collections.nCopies(135, "exploratory"));
        categories.addAll(Collections.nCopies(75, "product"));
        categories.addAll(Collections.nCopies(60, "infrastructure"));
        categories.addAll(Collections.nCopies(30, "safety"));
        shuffle(random, categories);
        return categories;
    }

    private static List<ProjectStatus> statuses(SplittableRandom random) {
        List<ProjectStatus> statuses = new ArrayList<>(Collections.nCopies(PROJECTS, ProjectStatus.ACTIVE));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            order.add(i);
        }
        shuffle(random, order);
        for (int i = 0; i < PAUSED + DONE + KILLED; i++) {
            statuses.set(
                    order.get(i),
                    i < PAUSED ? ProjectStatus.PAUSED : i < PAUSED + DONE ? ProjectStatus.DONE : ProjectStatus.KILLED);
        }
        return statuses;
    }

    /** Every researcher in one or two projects; each project's first member is its lead. */
    private static List<List<String>> members(SplittableRandom random) {
        List<String> researchers = new ArrayList<>();
        for (int i = 1; i <= RESEARCHERS; i++) {
            researchers.add(String.format(Locale.ROOT, "r%03d", i));
        }
        shuffle(random, researchers);
        List<List<String>> teams = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            teams.add(new ArrayList<>(List.of(researchers.get(i))));
        }
        for (int i = PROJECTS; i < RESEARCHERS; i++) {
            teams.get(random.nextInt(PROJECTS)).add(researchers.get(i));
        }
        for (String researcher : researchers) {
            if (random.nextDouble() < 0.3) {
                List<String> team = teams.get(random.nextInt(PROJECTS));
                if (!team.contains(researcher)) {
                    team.add(researcher);
                }
            }
        }
        return teams;
    }

    private static List<String> ids(SplittableRandom random, List<String> categories) {
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (String category : categories) {
            List<String> kinds = KINDS.get(category);
            String id = TOPICS.get(random.nextInt(TOPICS.size())) + "-" + kinds.get(random.nextInt(kinds.size()));
            for (int suffix = 2; !taken.add(id); suffix++) {
                id = id.replaceFirst("-[0-9]+$", "") + "-" + suffix;
            }
            ids.add(id);
        }
        return ids;
    }

    private static String title(String id) {
        List<String> words = new ArrayList<>();
        for (String word : id.split("-")) {
            words.add(
                    ACRONYMS.contains(word)
                            ? word.toUpperCase(Locale.ROOT)
                            : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return String.join(" ", words);
    }

    private static List<String> reviewers(SplittableRandom random) {
        List<String> reviewers = new ArrayList<>();
        for (int i : new TreeSet<>(pick(random, REVIEWERS, RESEARCHERS))) {
            reviewers.add(String.format(Locale.ROOT, "r%03d", i + 1));
        }
        return reviewers;
    }

    private static Ask ask(
            SplittableRandom random, ProjectId id, String category, int target, List<GpuTypeId> types, boolean tuned) {
        int floor = Math.min(target, Math.max(8, roundDown8(target * (0.25 + 0.25 * random.nextDouble()))));
        int ceiling = Math.max(target + 8, (int) Math.ceil(target * (1.25 + 0.75 * random.nextDouble()) / 8) * 8);
        List<GpuTypeId> accepted = acceptedTypes(random, category, types);
        Map<GpuTypeId, Double> factors = new TreeMap<>();
        if (tuned) {
            GpuTypeId type = accepted.isEmpty() ? types.get(0) : accepted.get(0);
            factors.put(type, random.nextBoolean() ? 1.2 : 0.85);
        }
        String justification = String.format(
                Locale.ROOT,
                "%d GPUs reach the next %s milestone; below %d the runs do not fit.",
                target,
                id.value().replace('-', ' '),
                floor);
        return new Ask(id, floor, target, ceiling, new TreeSet<>(accepted), factors, justification);
    }

    /** Product training wants the fastest types; other work takes one to three types, some any type. */
    private static List<GpuTypeId> acceptedTypes(SplittableRandom random, String category, List<GpuTypeId> types) {
        GpuTypeId h200 = types.get(0);
        GpuTypeId h100 = types.get(1);
        double draw = random.nextDouble();
        if (category.equals("product")) {
            return draw < 0.7 ? List.of(h200, h100) : draw < 0.9 ? List.of(h100) : List.of(h200);
        }
        if (draw < 0.15) {
            return List.of();
        }
        List<GpuTypeId> shuffled = new ArrayList<>(types);
        shuffle(random, shuffled);
        return List.copyOf(shuffled.subList(0, 1 + random.nextInt(3)));
    }

    private void scores(SplittableRandom random, ProjectId project, List<String> reviewers) {
        double quality = 6 + 1.6 * random.nextGaussian();
        for (int reviewer : new TreeSet<>(pick(random, 3, reviewers.size()))) {
            int score = (int) Math.max(1, Math.min(10, Math.round(quality + 0.9 * random.nextGaussian())));
            String comment = score >= 8
                    ? "Strong evidence; fund it fully."
                    : score >= 5 ? "Promising, but the milestones need sharper evidence." : "Unclear path to impact.";
            scores.add(new Score(project, reviewers.get(reviewer), score, comment));
        }
    }

    static int roundDown8(double gpus) {
        return (int) (gpus / 8) * 8;
    }

    static Set<Integer> pick(SplittableRandom random, int count, int bound) {
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < count) {
            picked.add(random.nextInt(bound));
        }
        return picked;
    }

    static <T> void shuffle(SplittableRandom random, List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    /** Log-normal targets, multiples of 8 in 8..512, scaled so their sum is about 1.45x the allocatable GPUs. */
    private static final class Targets {
        private static final double SIGMA = 1.1;
        private static final double DEMAND = 1.45;
        private final double[] draws = new double[PROJECTS];
        private final double location;

        Targets(SplittableRandom random, List<String> categories, List<ProjectStatus> statuses, int allocatable) {
            for (int i = 0; i < PROJECTS; i++) {
                double bias = switch (categories.get(i)) {
                    case "product" -> Math.log(1.4);
                    case "exploratory" -> Math.log(1.1);
                    case "infrastructure" -> Math.log(0.7);
                    default -> Math.log(0.8);
                };
                draws[i] = statuses.get(i) == ProjectStatus.ACTIVE ? bias + SIGMA * random.nextGaussian() : Double.NaN;
            }
            double low = -5;
            double high = 10;
            for (int step = 0; step < 60; step++) {
                double middle = (low + high) / 2;
                if (total(middle) < DEMAND * allocatable) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            location = low;
        }

        int target(int project) {
            return target(location, draws[project]);
        }

        private long total(double at) {
            long sum = 0;
            for (double draw : draws) {
                sum += Double.isNaN(draw) ? 0 : target(at, draw);
            }
            return sum;
        }

        private static int target(double at, double draw) {
            return Math.max(8, Math.min(512, (int) Math.round(Math.exp(at + draw) / 8) * 8));
        }
    }
}
